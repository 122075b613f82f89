package io.amagasa.authorization.client.cimd;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

import io.amagasa.authorization.client.cimd.SpecialUseAddressGuard.RefusedAddressException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.config.TlsConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.io.ModalCloseable;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.util.Timeout;

/**
 * Fetches Client ID Metadata Documents without becoming an SSRF tool (CIMD §4 and §6.5, AS-24, SBP-07).
 * Apache HttpClient 5 does the HTTP; this class only configures it and reads the answer:
 * <ul>
 * <li>addresses are vetted and pinned by {@link SpecialUseAddressGuard}, HttpClient's only resolver; no
 * proxy is used (the builder does not read the system proxy settings);</li>
 * <li>redirects are not followed (CIMD §4 MUST NOT): a 3xx is an error like any status but 200;</li>
 * <li>the answer must be JSON ({@code application/json} or {@code application/*+json}, CIMD §4);</li>
 * <li>at most {@value #MAX_DOCUMENT_BYTES} bytes are read (CIMD §6.6 recommends 5 KB): a larger
 * {@code Content-Length} is refused unread, a longer body is cut off after one byte too many and the
 * connection closed without draining it;</li>
 * <li>short timeouts: connect (also the TLS handshake and the wait for a free connection), read between
 * two bytes, and connect plus read for the whole exchange, checked between reads, so that a server
 * trickling its body is cut off too;</li>
 * <li>no retries, no cookies, no authentication, no content decoding (no decompression bombs), and no
 * connection reuse: every fetch resolves, vets and connects afresh;</li>
 * <li>TLS hostname verification against the URL's host (HttpClient's default verifier).</li>
 * </ul>
 */
final class MetadataDocumentFetcher implements AutoCloseable {

	/** CIMD §6.6: "The recommended maximum size to read is 5 kilobytes." */
	static final int MAX_DOCUMENT_BYTES = 5120;

	private static final String USER_AGENT = "Amagasa-Authorization-Server (Client ID Metadata Document fetcher)";

	/** A document as fetched, not yet validated, and how long it may be cached once it is. */
	record FetchedDocument(byte[] body, Duration lifetime) {
	}

	private final CloseableHttpClient client;

	private final Duration connectTimeout;

	private final Duration readTimeout;

	private final Duration exchangeTimeout;

	private final Duration defaultLifetime;

	private final Duration maxLifetime;

	private final Clock clock;

	/**
	 * @param properties timeouts, cache bounds, concurrency and the loopback switch
	 * @param resolver the resolver the guard asks (the system resolver in production)
	 * @param sslContext the trust material for https (the JDK default in production)
	 * @param clock the time {@code Expires} is measured against
	 */
	MetadataDocumentFetcher(ClientIdMetadataDocumentProperties properties, DnsResolver resolver,
			SSLContext sslContext, Clock clock) {
		this.connectTimeout = properties.connectTimeout();
		this.readTimeout = properties.readTimeout();
		this.exchangeTimeout = this.connectTimeout.plus(this.readTimeout);
		this.defaultLifetime = properties.defaultCacheLifetime();
		this.maxLifetime = properties.maxCacheLifetime();
		this.clock = clock;
		Timeout connect = Timeout.of(this.connectTimeout);
		Timeout read = Timeout.of(this.readTimeout);
		this.client = HttpClients.custom()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.setDnsResolver(new SpecialUseAddressGuard(resolver, properties.allowLoopback()))
				.setTlsSocketStrategy(new DefaultClientTlsStrategy(sslContext))
				.setPoolConcurrencyPolicy(PoolConcurrencyPolicy.STRICT)
				.setMaxConnTotal(properties.maxConcurrentFetches())
				.setMaxConnPerRoute(properties.maxConcurrentFetches())
				.setDefaultConnectionConfig(
						ConnectionConfig.custom().setConnectTimeout(connect).setSocketTimeout(read).build())
				.setDefaultTlsConfig(TlsConfig.custom().setHandshakeTimeout(connect).build())
				.build())
			.setConnectionReuseStrategy((request, response, context) -> false)
			.setDefaultRequestConfig(RequestConfig.custom()
				.setConnectionRequestTimeout(connect)
				.setResponseTimeout(read)
				.setRedirectsEnabled(false)
				.build())
			.disableRedirectHandling()
			.disableAutomaticRetries()
			.disableCookieManagement()
			.disableAuthCaching()
			.disableContentCompression()
			.setUserAgent(USER_AGENT)
			.build();
	}

	/**
	 * @param url the Client Identifier URL, fetched exactly as written
	 * @return the body and its cache lifetime
	 * @throws ClientMetadataDocumentException why the document could not be fetched
	 */
	FetchedDocument fetch(ClientIdentifierUrl url) {
		HttpGet request = new HttpGet(url.uri());
		request.setHeader(HttpHeaders.ACCEPT, "application/json");
		long deadline = System.nanoTime() + this.exchangeTimeout.toNanos();
		ClassicHttpResponse response;
		try {
			response = this.client.executeOpen(null, request, null);
		}
		catch (IOException ex) {
			throw failure(url, ex);
		}
		try {
			return read(url, response, deadline);
		}
		catch (IOException ex) {
			throw failure(url, ex);
		}
		finally {
			// The response of a CloseableHttpClient is a ModalCloseable. IMMEDIATE closes the socket
			// without draining what the server still sends (a graceful close would read it all).
			((ModalCloseable) response).close(CloseMode.IMMEDIATE);
		}
	}

	private FetchedDocument read(ClientIdentifierUrl url, ClassicHttpResponse response, long deadline)
			throws IOException {
		int status = response.getCode();
		if (status >= 300 && status < 400 && response.containsHeader(HttpHeaders.LOCATION)) {
			throw new ClientMetadataDocumentException(
					"the server answered " + status + " (a redirect); redirects are not followed");
		}
		if (status != 200) {
			throw new ClientMetadataDocumentException("the server answered " + status + " instead of 200");
		}
		Header contentType = response.getFirstHeader(HttpHeaders.CONTENT_TYPE);
		if (contentType == null) {
			throw new ClientMetadataDocumentException("the response has no Content-Type; it must be application/json");
		}
		String mediaType = contentType.getValue().split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
		if (!mediaType.equals("application/json")
				&& !(mediaType.startsWith("application/") && mediaType.endsWith("+json"))) {
			throw new ClientMetadataDocumentException("the Content-Type '" + mediaType
					+ "' is not JSON; it must be application/json or application/<type>+json");
		}
		HttpEntity entity = response.getEntity();
		if (entity == null) {
			throw new ClientMetadataDocumentException("the response has no body");
		}
		if (entity.getContentLength() > MAX_DOCUMENT_BYTES) {
			throw tooLarge();
		}
		byte[] body = readAtMost(entity.getContent(), deadline);
		return new FetchedDocument(body,
				MetadataCacheLifetime.of(response, this.clock.instant(), this.defaultLifetime, this.maxLifetime));
	}

	/** Reads the body, stopping at one byte past the limit or at the deadline. */
	private byte[] readAtMost(InputStream body, long deadline) throws IOException {
		byte[] buffer = new byte[MAX_DOCUMENT_BYTES + 1];
		int length = 0;
		while (length < buffer.length) {
			if (System.nanoTime() - deadline > 0) {
				throw new ClientMetadataDocumentException(
						"the server did not send the document within " + this.exchangeTimeout.toMillis() + " ms");
			}
			int read = body.read(buffer, length, buffer.length - length);
			if (read < 0) {
				return Arrays.copyOf(buffer, length);
			}
			length += read;
		}
		throw tooLarge();
	}

	private static ClientMetadataDocumentException tooLarge() {
		return new ClientMetadataDocumentException("the document is larger than " + MAX_DOCUMENT_BYTES + " bytes");
	}

	private ClientMetadataDocumentException failure(ClientIdentifierUrl url, IOException ex) {
		String host = url.host();
		if (ex instanceof RefusedAddressException) {
			return new ClientMetadataDocumentException(ex.getMessage(), ex);
		}
		if (ex instanceof UnknownHostException) {
			return new ClientMetadataDocumentException("the host " + host + " could not be resolved", ex);
		}
		if (ex instanceof ConnectTimeoutException) {
			return new ClientMetadataDocumentException(
					"could not connect to " + host + " within " + this.connectTimeout.toMillis() + " ms", ex);
		}
		if (ex instanceof HttpHostConnectException) {
			return new ClientMetadataDocumentException("could not connect to " + host, ex);
		}
		if (ex instanceof SSLException) {
			return new ClientMetadataDocumentException("the TLS handshake with " + host
					+ " failed (untrusted certificate, or a certificate for another host name)", ex);
		}
		if (ex instanceof SocketTimeoutException) {
			return new ClientMetadataDocumentException(
					"the server did not answer within " + this.readTimeout.toMillis() + " ms", ex);
		}
		if (ex instanceof ConnectionRequestTimeoutException) {
			return new ClientMetadataDocumentException(
					"too many metadata documents are being fetched at once; try again", ex);
		}
		return new ClientMetadataDocumentException(
				"the document could not be fetched (" + ex.getClass().getSimpleName() + ")", ex);
	}

	@Override
	public void close() {
		this.client.close(CloseMode.GRACEFUL);
	}

}
