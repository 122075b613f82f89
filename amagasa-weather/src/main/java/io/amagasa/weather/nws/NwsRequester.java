package io.amagasa.weather.nws;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;

import io.amagasa.weather.WeatherProperties;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClient.RequestHeadersSpec.ConvertibleClientHttpResponse;

/**
 * Makes one GET to NWS and turns the outcome into a parsed body with its cache lifetime, or an
 * {@link NwsException} that says what kind of failure it was. It sends only {@code User-Agent}
 * and {@code Accept}: nothing of the MCP caller, least of all a token, ever goes upstream.
 */
final class NwsRequester {

	private static final String GEO_JSON = "application/geo+json";

	/** Far above any real NWS answer (a busy state's alerts are a few MiB); stops a runaway body. */
	private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final RestClient rest;

	private final Duration readTimeout;

	NwsRequester(WeatherProperties properties) {
		this.readTimeout = properties.readTimeout();
		HttpClient http = HttpClient.newBuilder()
			.connectTimeout(properties.connectTimeout())
			// Never follow redirects: the URLs we build need none, and a redirect could lead
			// to another host. A 3xx is reported as an unexpected response instead.
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
		// Spring's JDK factory applies the read timeout to the body too, not only the headers.
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(http);
		requestFactory.setReadTimeout(properties.readTimeout());
		// No Accept-Encoding: the request carries exactly User-Agent and Accept.
		requestFactory.enableCompression(false);
		this.rest = RestClient.builder()
			.requestFactory(requestFactory)
			.defaultHeader(HttpHeaders.USER_AGENT, properties.userAgent())
			.defaultHeader(HttpHeaders.ACCEPT, GEO_JSON)
			.build();
	}

	<T extends NwsDocument> Fresh<T> get(URI uri, Class<T> type) {
		Fresh<byte[]> raw;
		long started = System.nanoTime();
		try {
			raw = this.rest.get().uri(uri).exchange((request, response) -> read(uri, response));
		}
		catch (ResourceAccessException ex) {
			Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
			throw new NwsException(isTimeout(ex, elapsed) ? NwsFailure.TIMEOUT : NwsFailure.UNREACHABLE,
					"GET " + uri + ": " + ex.getMostSpecificCause());
		}
		return new Fresh<>(parse(uri, raw.body(), type), raw.lifetime());
	}

	private static Fresh<byte[]> read(URI uri, ConvertibleClientHttpResponse response) throws IOException {
		int status = response.getStatusCode().value();
		HttpHeaders headers = response.getHeaders();
		Instant now = Instant.now();
		if (status >= 200 && status < 300) {
			return new Fresh<>(body(uri, response.getBody()), CacheLifetime.of(headers, now));
		}
		String detail = "GET " + uri + ": HTTP " + status;
		if (status == 429) {
			throw new NwsException(NwsFailure.RATE_LIMITED, detail, RetryAfter.of(headers, now).orElse(null));
		}
		if (status >= 500) {
			throw new NwsException(NwsFailure.UNAVAILABLE, detail, RetryAfter.of(headers, now).orElse(null));
		}
		if (status == 404) {
			throw new NwsException(NwsFailure.NOT_FOUND, detail);
		}
		if (status >= 400) {
			throw new NwsException(NwsFailure.REJECTED, detail);
		}
		if (status >= 300) {
			throw new NwsException(NwsFailure.UNEXPECTED_RESPONSE,
					detail + ", redirect to " + headers.getLocation() + " not followed");
		}
		throw new NwsException(NwsFailure.UNEXPECTED_RESPONSE, detail);
	}

	private static byte[] body(URI uri, InputStream in) throws IOException {
		byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
		if (body.length > MAX_BODY_BYTES) {
			throw new NwsException(NwsFailure.UNEXPECTED_RESPONSE,
					"GET " + uri + ": body larger than " + MAX_BODY_BYTES + " bytes");
		}
		return body;
	}

	private static <T extends NwsDocument> T parse(URI uri, byte[] body, Class<T> type) {
		T document;
		try {
			document = JSON.readValue(body, type);
		}
		catch (JacksonException ex) {
			throw new NwsException(NwsFailure.UNEXPECTED_RESPONSE,
					"GET " + uri + ": body is not the expected JSON: " + ex.getOriginalMessage());
		}
		if (document == null || !document.hasRequiredFields()) {
			throw new NwsException(NwsFailure.UNEXPECTED_RESPONSE,
					"GET " + uri + ": body lacks the fields " + type.getSimpleName() + " needs");
		}
		return document;
	}

	/**
	 * Spring reports a read timeout during the body only by closing the stream, so an I/O error
	 * once the read timeout has passed is taken to be that timeout.
	 */
	private boolean isTimeout(Throwable ex, Duration elapsed) {
		if (elapsed.compareTo(this.readTimeout) >= 0) {
			return true;
		}
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof HttpTimeoutException) {
				return true;
			}
		}
		return false;
	}

}
