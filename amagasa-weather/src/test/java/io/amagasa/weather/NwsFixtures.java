package io.amagasa.weather;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/** NWS-shaped responses for WireMock, and settings pointing the client at it. */
public final class NwsFixtures {

	public static final String USER_AGENT = "amagasa-weather-test/1.0 (weather-tests@example.com)";

	public static final String POINT_PATH = "/points/39.7456,-97.0892";

	public static final String FORECAST_PATH = "/gridpoints/TOP/32,81/forecast";

	public static final String GEO_JSON = "application/geo+json";

	private NwsFixtures() {
	}

	/**
	 * Short backoffs so that retry tests take milliseconds. The read timeout leaves room for a
	 * cold JVM's first request; timeout tests use {@link #properties(String, Duration)}.
	 */
	public static WeatherProperties properties(String baseUrl) {
		return properties(baseUrl, Duration.ofSeconds(3));
	}

	public static WeatherProperties properties(String baseUrl, Duration readTimeout) {
		return new WeatherProperties(URI.create(baseUrl), USER_AGENT, Duration.ofSeconds(1), readTimeout, 2,
				Duration.ofMillis(10), Duration.ofSeconds(2), new WeatherProperties.Cache(100, 100, Duration.ofHours(1)));
	}

	/**
	 * A fixture from {@code src/test/resources/nws}, its {@code https://api.weather.gov} links
	 * rewritten to the WireMock server, as NWS links point back at the host that answered.
	 */
	public static String fixture(String name, String baseUrl) {
		try (InputStream in = NwsFixtures.class.getResourceAsStream("/nws/" + name)) {
			if (in == null) {
				throw new IllegalArgumentException("No fixture " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("https://api.weather.gov", baseUrl);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A 200 GeoJSON answer with the given caching header, as NWS sends them. */
	public static ResponseDefinitionBuilder geoJson(String body, String cacheControl) {
		ResponseDefinitionBuilder response = aResponse().withStatus(200)
			.withHeader("Content-Type", GEO_JSON)
			.withBody(body);
		return (cacheControl != null) ? response.withHeader("Cache-Control", cacheControl) : response;
	}

}
