package io.amagasa.resource.jsonrpc;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A request whose body was read once, up to a limit, so that authorization and the MCP transport see
 * the same bytes. (Spring's ContentCachingRequestWrapper caches only what the application later reads,
 * which is too late for a decision made before the transport runs.)
 */
public final class CachedBodyRequest extends HttpServletRequestWrapper {

	private final byte[] body;

	private CachedBodyRequest(HttpServletRequest request, byte[] body) {
		super(request);
		this.body = body;
	}

	/**
	 * @throws BodyTooLargeException when the body is longer than {@code maxBytes}
	 */
	public static CachedBodyRequest of(HttpServletRequest request, int maxBytes) throws IOException {
		long declared = request.getContentLengthLong();
		if (declared > maxBytes) {
			throw new BodyTooLargeException(maxBytes);
		}
		try (InputStream in = request.getInputStream()) {
			if (declared >= 0) {
				// Sized by Content-Length, which the container holds the body to: no growing buffers, no
				// copy. A body that ends early is shorter, and fails to parse.
				byte[] body = new byte[(int) declared];
				int read = in.readNBytes(body, 0, body.length);
				return new CachedBodyRequest(request, read == body.length ? body : Arrays.copyOf(body, read));
			}
			byte[] body = in.readNBytes(maxBytes + 1);
			if (body.length > maxBytes) {
				throw new BodyTooLargeException(maxBytes);
			}
			return new CachedBodyRequest(request, body);
		}
	}

	public byte[] body() {
		return this.body;
	}

	@Override
	public ServletInputStream getInputStream() {
		ByteArrayInputStream in = new ByteArrayInputStream(this.body);
		return new ServletInputStream() {

			@Override
			public int read() {
				return in.read();
			}

			@Override
			public int read(byte[] buffer, int offset, int length) {
				return in.read(buffer, offset, length);
			}

			@Override
			public boolean isFinished() {
				return in.available() == 0;
			}

			@Override
			public boolean isReady() {
				return true;
			}

			@Override
			public void setReadListener(ReadListener listener) {
				throw new IllegalStateException("The body was already read; asynchronous reading is not supported");
			}

		};
	}

	@Override
	public BufferedReader getReader() {
		return new BufferedReader(new InputStreamReader(getInputStream(), charset(getCharacterEncoding())));
	}

	/** JSON is UTF-8 (RFC 8259 §8.1); an unknown declared charset falls back to it rather than failing. */
	private static Charset charset(String encoding) {
		if (encoding == null) {
			return StandardCharsets.UTF_8;
		}
		try {
			return Charset.forName(encoding);
		}
		catch (IllegalArgumentException unknown) {
			return StandardCharsets.UTF_8;
		}
	}

	@Override
	public int getContentLength() {
		return this.body.length;
	}

	@Override
	public long getContentLengthLong() {
		return this.body.length;
	}

	/** The body exceeds the configured limit. */
	public static final class BodyTooLargeException extends IOException {

		public BodyTooLargeException(int maxBytes) {
			super("The request body exceeds " + maxBytes + " bytes");
		}

	}

}
