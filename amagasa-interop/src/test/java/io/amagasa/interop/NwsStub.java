package io.amagasa.interop;

import com.github.tomakehurst.wiremock.WireMockServer;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static io.amagasa.weather.NwsFixtures.FORECAST_PATH;
import static io.amagasa.weather.NwsFixtures.POINT_PATH;
import static io.amagasa.weather.NwsFixtures.fixture;
import static io.amagasa.weather.NwsFixtures.geoJson;

/**
 * The National Weather Service API as the interop tests see it (there is no internet here): WireMock on
 * loopback with the weather module's NWS-shaped fixtures, for the point 39.7456,-97.0892 and the state CA.
 */
final class NwsStub implements AutoCloseable {

	static final double LATITUDE = 39.7456;

	static final double LONGITUDE = -97.0892;

	private final WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

	NwsStub() {
		this.server.start();
		String base = this.server.baseUrl();
		this.server.stubFor(get(urlPathEqualTo(POINT_PATH)).willReturn(geoJson(fixture("points-linn-ks.json", base), null)));
		this.server.stubFor(get(urlPathEqualTo(FORECAST_PATH)).willReturn(geoJson(fixture("forecast-linn-ks.json", base), null)));
		this.server.stubFor(get(urlPathMatching("/alerts/active/area/CA")).willReturn(geoJson(fixture("alerts-CA.json", base), null)));
		this.server.stubFor(get(urlPathMatching("/alerts/active/area/WY")).willReturn(geoJson(fixture("alerts-WY-empty.json", base), null)));
	}

	String baseUrl() {
		return this.server.baseUrl();
	}

	/** The server argument that points the weather tools here. */
	String argument() {
		return "--amagasa.weather.nws-base-url=" + baseUrl();
	}

	@Override
	public void close() {
		this.server.stop();
	}

}
