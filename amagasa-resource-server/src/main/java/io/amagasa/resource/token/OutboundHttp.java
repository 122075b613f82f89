package io.amagasa.resource.token;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * The GETs this package makes to authorization servers (JWK sets and their metadata), over one
 * {@link HttpClient}: a read timeout on every request, a size limit on every answer, redirects not
 * followed (the client is built with {@code Redirect.NEVER}), so that a fetch reaches only the URL
 * it was configured or discovered with.
 */
final class OutboundHttp {

	/** Nimbus' limit for JWK sets (JWKSourceBuilder.DEFAULT_HTTP_SIZE_LIMIT is 50 KiB); metadata fits too. */
	static final int SIZE_LIMIT = 64 * 1024;

	record Response(int status, String body) {
	}

	private final HttpClient client;

	private final Duration readTimeout;

	OutboundHttp(HttpClient client, Duration readTimeout) {
		this.client = client;
		this.readTimeout = readTimeout;
	}

	Response get(URI uri) throws IOException {
		HttpRequest request = HttpRequest.newBuilder(uri)
			.timeout(this.readTimeout)
			.header("Accept", "application/json")
			.GET()
			.build();
		HttpResponse<InputStream> response;
		try {
			response = this.client.send(request, HttpResponse.BodyHandlers.ofInputStream());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("Interrupted while fetching " + uri, ex);
		}
		try (InputStream body = response.body()) {
			byte[] bytes = body.readNBytes(SIZE_LIMIT + 1);
			if (bytes.length > SIZE_LIMIT) {
				throw new IOException("Response from " + uri + " exceeds " + SIZE_LIMIT + " bytes");
			}
			return new Response(response.statusCode(), new String(bytes, StandardCharsets.UTF_8));
		}
	}

	/**
	 * Tokens and keys travel over TLS only (RS-27, OAuth 2.1 §1.5); plain http is allowed for
	 * loopback addresses, where development servers and tests live.
	 * @return the URI, when acceptable
	 * @throws IllegalArgumentException otherwise, naming the role of the URI
	 */
	static URI requireSecure(URI uri, String role) {
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
			throw new IllegalArgumentException(role + " must be an absolute https URL, not '" + uri + "'");
		}
		if (scheme.equals("http") && !isLoopback(uri.getHost())) {
			throw new IllegalArgumentException(role + " must use https (http is allowed on loopback only): " + uri);
		}
		return uri;
	}

	private static boolean isLoopback(String host) {
		String name = host.toLowerCase(Locale.ROOT);
		return name.equals("localhost") || name.equals("[::1]") || name.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
	}

}
