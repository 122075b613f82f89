package io.amagasa.weather.nws;

import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static io.amagasa.weather.NwsFixtures.POINT_PATH;
import static io.amagasa.weather.NwsFixtures.fixture;
import static io.amagasa.weather.NwsFixtures.geoJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.amagasa.weather.NwsFixtures;
import io.amagasa.weather.WeatherProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class NwsClientTest {

	private static final Coordinates LINN_KS = new Coordinates(39.7456, -97.0892);

	@RegisterExtension
	static WireMockExtension nws = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private NwsClient client;

	@BeforeEach
	void setUp() {
		this.client = new NwsClient(NwsFixtures.properties(nws.baseUrl()));
	}

	@Test
	void retriesA503AndThenSucceeds() {
		nws.stubFor(get(urlPathEqualTo(POINT_PATH)).inScenario("flaky")
			.whenScenarioStateIs(STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("recovered"));
		nws.stubFor(get(urlPathEqualTo(POINT_PATH)).inScenario("flaky")
			.whenScenarioStateIs("recovered")
			.willReturn(geoJson(fixture("points-linn-ks.json", nws.baseUrl()), null)));

		PointResponse point = this.client.point(LINN_KS);

		assertThat(point.properties().forecast()).isEqualTo(nws.baseUrl() + "/gridpoints/TOP/32,81/forecast");
		nws.verify(2, getRequestedFor(urlPathEqualTo(POINT_PATH)));
	}

	@Test
	void givesUpAfterTheConfiguredRetries() {
		nws.stubFor(get(urlPathEqualTo(POINT_PATH)).willReturn(aResponse().withStatus(502)));

		assertThatExceptionOfType(NwsException.class).isThrownBy(() -> this.client.point(LINN_KS))
			.satisfies(ex -> assertThat(ex.failure()).isEqualTo(NwsFailure.UNAVAILABLE))
			.withMessageEndingWith("HTTP 502 (after 3 attempts)");
		nws.verify(3, getRequestedFor(urlPathEqualTo(POINT_PATH)));
	}

	@Test
	void makesASingleAttemptWhenRetriesAreOff() {
		NwsClient noRetries = new NwsClient(withRetries(0, Duration.ofSeconds(2)));
		nws.stubFor(get(urlPathEqualTo(POINT_PATH)).willReturn(aResponse().withStatus(503)));

		assertThatExceptionOfType(NwsException.class).isThrownBy(() -> noRetries.point(LINN_KS));
		nws.verify(1, getRequestedFor(urlPathEqualTo(POINT_PATH)));
	}

	@Test
	void waitsAsLongAsRetryAfterAsks() {
		nws.stubFor(get(urlPathEqualTo(POINT_PATH)).inScenario("limited")
			.whenScenarioStateIs(STARTED)
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1"))
			.willSetStateTo("allowed"));
		nws.stubFor(get(urlPathEqualTo(POINT_PATH)).inScenario("limited")
			.whenScenarioStateIs("allowed")
			.willReturn(geoJson(fixture("points-linn-ks.json", nws.baseUrl()), null)));

		long start = System.nanoTime();
		this.client.point(LINN_KS);

		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
		nws.verify(2, getRequestedFor(urlPathEqualTo(POINT_PATH)));
	}

	@Test
	void givesUpAtOnceWhenRetryAfterExceedsTheMaximumDelay() {
		nws.stubFor(get(urlPathEqualTo(POINT_PATH)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));

		assertThatExceptionOfType(NwsException.class).isThrownBy(() -> this.client.point(LINN_KS))
			.satisfies(ex -> assertThat(ex.failure()).isEqualTo(NwsFailure.RATE_LIMITED));
		nws.verify(1, getRequestedFor(urlPathEqualTo(POINT_PATH)));
	}

	@Test
	void neverRetriesOtherClientErrors() {
		nws.stubFor(get(urlPathEqualTo(POINT_PATH)).willReturn(aResponse().withStatus(400)));

		assertThatExceptionOfType(NwsException.class).isThrownBy(() -> this.client.point(LINN_KS))
			.satisfies(ex -> assertThat(ex.failure()).isEqualTo(NwsFailure.REJECTED));
		nws.verify(1, getRequestedFor(urlPathEqualTo(POINT_PATH)));
	}

	@Test
	void doesNotFollowRedirects() {
		nws.stubFor(get(urlPathEqualTo("/points/39.7456,-97.0892"))
			.willReturn(aResponse().withStatus(301).withHeader("Location", "http://elsewhere.invalid/points/39.7456,-97.0892")));

		assertThatExceptionOfType(NwsException.class).isThrownBy(() -> this.client.point(LINN_KS))
			.satisfies(ex -> assertThat(ex.failure()).isEqualTo(NwsFailure.UNEXPECTED_RESPONSE))
			.withMessageContaining("redirect to http://elsewhere.invalid/points/39.7456,-97.0892 not followed");
		nws.verify(1, getRequestedFor(urlPathEqualTo(POINT_PATH)));
	}

	@Test
	void retriesTimeoutsAndReportsThem() {
		NwsClient impatient = new NwsClient(NwsFixtures.properties(nws.baseUrl(), Duration.ofMillis(300)));
		nws.stubFor(get(urlPathEqualTo(POINT_PATH))
			.willReturn(geoJson(fixture("points-linn-ks.json", nws.baseUrl()), null).withFixedDelay(1_000)));

		assertThatExceptionOfType(NwsException.class).isThrownBy(() -> impatient.point(LINN_KS))
			.satisfies(ex -> assertThat(ex.failure()).isEqualTo(NwsFailure.TIMEOUT));
		nws.verify(3, getRequestedFor(urlPathEqualTo(POINT_PATH)));
	}

	@Test
	void timesOutABodyThatTrickles() {
		NwsClient impatient = new NwsClient(NwsFixtures.properties(nws.baseUrl(), Duration.ofMillis(300)));
		nws.stubFor(get(urlPathEqualTo(POINT_PATH))
			.willReturn(geoJson(fixture("points-linn-ks.json", nws.baseUrl()), null).withChunkedDribbleDelay(10, 1_500)));

		assertThatExceptionOfType(NwsException.class).isThrownBy(() -> impatient.point(LINN_KS))
			.satisfies(ex -> assertThat(ex.failure()).isEqualTo(NwsFailure.TIMEOUT));
	}

	@Test
	void reportsAnUnreachableHost() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		NwsClient unreachable = new NwsClient(NwsFixtures.properties("http://127.0.0.1:" + closedPort));

		assertThatExceptionOfType(NwsException.class).isThrownBy(() -> unreachable.point(LINN_KS))
			.satisfies(ex -> assertThat(ex.failure()).isEqualTo(NwsFailure.UNREACHABLE));
	}

	@Test
	void rejectsJsonOfTheWrongShape() {
		nws.stubFor(get(urlPathEqualTo(POINT_PATH)).willReturn(geoJson("[1, 2, 3]", null)));

		assertThatExceptionOfType(NwsException.class).isThrownBy(() -> this.client.point(LINN_KS))
			.satisfies(ex -> assertThat(ex.failure()).isEqualTo(NwsFailure.UNEXPECTED_RESPONSE));
		nws.verify(1, getRequestedFor(urlPathEqualTo(POINT_PATH)));
	}

	@Test
	void followsForecastLinksOnlyOnTheConfiguredOrigin() {
		for (String link : new String[] { "https://api.weather.gov/gridpoints/TOP/32,81/forecast",
				"/gridpoints/TOP/32,81/forecast", "not a url", nws.baseUrl().replace("http:", "https:") + "/x" }) {
			assertThatExceptionOfType(NwsException.class).isThrownBy(() -> this.client.forecast(link))
				.satisfies(ex -> assertThat(ex.failure()).isEqualTo(NwsFailure.UNEXPECTED_RESPONSE));
		}
		assertThat(nws.getAllServeEvents()).isEmpty();
	}

	@Test
	void buildsUrlsUnderABaseUrlWithAPathAndTrailingSlash() {
		NwsClient proxied = new NwsClient(NwsFixtures.properties(nws.baseUrl() + "/nws/"));
		nws.stubFor(get(urlPathEqualTo("/nws/alerts/active/area/KS"))
			.willReturn(geoJson(fixture("alerts-WY-empty.json", nws.baseUrl()), null)));

		assertThat(proxied.activeAlerts("KS").features()).isEmpty();
	}

	private static WeatherProperties withRetries(int maxRetries, Duration maxRetryDelay) {
		WeatherProperties base = NwsFixtures.properties(nws.baseUrl());
		return new WeatherProperties(URI.create(nws.baseUrl()), base.userAgent(), base.connectTimeout(),
				base.readTimeout(), maxRetries, base.retryBackoff(), maxRetryDelay, base.cache());
	}

}
