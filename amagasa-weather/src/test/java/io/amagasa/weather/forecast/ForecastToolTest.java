package io.amagasa.weather.forecast;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.amagasa.weather.NwsFixtures.FORECAST_PATH;
import static io.amagasa.weather.NwsFixtures.POINT_PATH;
import static io.amagasa.weather.NwsFixtures.fixture;
import static io.amagasa.weather.NwsFixtures.geoJson;
import static io.amagasa.weather.ToolAssertions.assertError;
import static io.amagasa.weather.ToolAssertions.assertSuccess;
import static io.amagasa.weather.ToolAssertions.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.amagasa.weather.NwsFixtures;
import io.amagasa.weather.nws.NwsClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ForecastToolTest {

	@RegisterExtension
	static WireMockExtension nws = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private ForecastTool tool;

	@BeforeEach
	void setUp() {
		this.tool = new ForecastTool(new NwsClient(NwsFixtures.properties(nws.baseUrl())));
	}

	@Test
	void answersWithTheQuickstartTextAndTheStructuredForecast() {
		stubPoint("public, max-age=3600, s-maxage=3600");
		stubForecast("forecast-linn-ks.json", "public, max-age=600, s-maxage=600");

		CallToolResult result = this.tool.call(Map.of("latitude", 39.7456, "longitude", -97.0892));

		assertSuccess(this.tool, result);
		assertThat(text(result)).isEqualTo("""

				Today:
				Temperature: 84°F
				Wind: 10 to 15 mph S
				Forecast: Mostly sunny, with a high near 84. South wind 10 to 15 mph, with gusts as high as 25 mph.

				---

				Tonight:
				Temperature: 63°F
				Wind: 5 to 10 mph S
				Forecast: A slight chance of showers and thunderstorms after 1am. Partly cloudy, with a low around 63. \
				South wind 5 to 10 mph. Chance of precipitation is 20%.

				---

				Tuesday:
				Temperature: 88°F
				Wind: 10 to 20 mph SW
				Forecast: A chance of showers and thunderstorms before 1pm. Mostly sunny, with a high near 88. \
				Southwest wind 10 to 20 mph, with gusts as high as 30 mph. Chance of precipitation is 30%.

				---

				Tuesday Night:
				Temperature: 61°F
				Wind: 5 to 10 mph NW
				Forecast: Mostly clear, with a low around 61. Northwest wind 5 to 10 mph.

				---

				Wednesday:
				Temperature: 79°F
				Wind: 5 to 10 mph N
				Forecast: Sunny, with a high near 79. North wind 5 to 10 mph.
				""");
		assertThat(result.structuredContent()).isEqualTo(new Forecast(39.7456, -97.0892, List.of(
				new ForecastPeriod("Today", 84, "F", "10 to 15 mph", "S",
						"Mostly sunny, with a high near 84. South wind 10 to 15 mph, with gusts as high as 25 mph."),
				new ForecastPeriod("Tonight", 63, "F", "5 to 10 mph", "S",
						"A slight chance of showers and thunderstorms after 1am. Partly cloudy, with a low around 63. "
								+ "South wind 5 to 10 mph. Chance of precipitation is 20%."),
				new ForecastPeriod("Tuesday", 88, "F", "10 to 20 mph", "SW",
						"A chance of showers and thunderstorms before 1pm. Mostly sunny, with a high near 88. "
								+ "Southwest wind 10 to 20 mph, with gusts as high as 30 mph. Chance of precipitation is 30%."),
				new ForecastPeriod("Tuesday Night", 61, "F", "5 to 10 mph", "NW",
						"Mostly clear, with a low around 61. Northwest wind 5 to 10 mph."),
				new ForecastPeriod("Wednesday", 79, "F", "5 to 10 mph", "N",
						"Sunny, with a high near 79. North wind 5 to 10 mph."))));
	}

	@Test
	void asksForThePointWithAtMostFourDecimals() {
		stubPoint(null);
		stubForecast("forecast-linn-ks.json", null);

		CallToolResult result = this.tool.call(Map.of("latitude", 39.74561234, "longitude", -97.08920001));

		assertSuccess(this.tool, result);
		nws.verify(1, getRequestedFor(urlPathEqualTo(POINT_PATH)));
		// The structured output echoes the coordinates as asked, like the quickstart.
		assertThat(((Forecast) result.structuredContent()).latitude()).isEqualTo(39.74561234);
	}

	@Test
	void keepsMissingValuesVisibleAndTheOutputSchemaValid() {
		stubPoint(null);
		stubForecast("forecast-sparse.json", null);

		CallToolResult result = this.tool.call(Map.of("latitude", 39.7456, "longitude", -97.0892));

		assertSuccess(this.tool, result);
		assertThat(text(result)).isEqualTo("\nOvernight:\nTemperature: Unknown°F\nWind: 0 mph \nForecast: Unknown\n");
		assertThat(result.structuredContent()).isEqualTo(new Forecast(39.7456, -97.0892,
				List.of(new ForecastPeriod("Overnight", null, "F", "0 mph", "", "Unknown"))));
	}

	@Test
	void reportsAForecastWithoutPeriods() {
		stubPoint(null);
		stubForecast("forecast-no-periods.json", null);

		assertError(this.tool.call(Map.of("latitude", 39.7456, "longitude", -97.0892)), "No forecast periods available.");
	}

	static Stream<Arguments> badCoordinates() {
		return Stream.of(
				Arguments.of(arguments("longitude", -97.0), "Missing required argument latitude: expected a number from -90 to 90."),
				Arguments.of(arguments("latitude", 39.0), "Missing required argument longitude: expected a number from -180 to 180."),
				Arguments.of(arguments("latitude", null, "longitude", -97.0), "Missing required argument latitude: expected a number from -90 to 90."),
				Arguments.of(arguments("latitude", "abc", "longitude", -97.0), "Invalid argument latitude: expected a number from -90 to 90, got \"abc\"."),
				Arguments.of(arguments("latitude", "39.7", "longitude", -97.0), "Invalid argument latitude: expected a number from -90 to 90, got \"39.7\"."),
				Arguments.of(arguments("latitude", Double.NaN, "longitude", -97.0), "Invalid argument latitude: expected a number from -90 to 90, got NaN."),
				Arguments.of(arguments("latitude", 39.0, "longitude", Double.POSITIVE_INFINITY), "Invalid argument longitude: expected a number from -180 to 180, got Infinity."),
				Arguments.of(arguments("latitude", Double.NEGATIVE_INFINITY, "longitude", 0), "Invalid argument latitude: expected a number from -90 to 90, got -Infinity."),
				Arguments.of(arguments("latitude", 91, "longitude", -97.0), "Invalid argument latitude: expected a number from -90 to 90, got 91."),
				Arguments.of(arguments("latitude", -90.5, "longitude", -97.0), "Invalid argument latitude: expected a number from -90 to 90, got -90.5."),
				Arguments.of(arguments("latitude", 39.0, "longitude", 180.01), "Invalid argument longitude: expected a number from -180 to 180, got 180.01."),
				Arguments.of(arguments("latitude", true, "longitude", -97.0), "Invalid argument latitude: expected a number from -90 to 90, got true."),
				Arguments.of(arguments("latitude", List.of(39), "longitude", -97.0), "Invalid argument latitude: expected a number from -90 to 90, got an array."),
				Arguments.of(null, "Missing required argument latitude: expected a number from -90 to 90."));
	}

	@ParameterizedTest
	@MethodSource("badCoordinates")
	void rejectsBadCoordinatesWithoutCallingNws(Map<String, Object> arguments, String message) {
		assertError(this.tool.call(arguments), message);
		assertThat(nws.getAllServeEvents()).isEmpty();
	}

	@Test
	void acceptsTheEdgesOfTheRanges() {
		nws.stubFor(get(urlPathEqualTo("/points/-90,180")).willReturn(aResponse().withStatus(404)));

		CallToolResult result = this.tool.call(Map.of("latitude", -90, "longitude", 180));

		assertThat(text(result)).startsWith("Unable to fetch forecast data for this location");
		nws.verify(1, getRequestedFor(urlPathEqualTo("/points/-90,180")));
	}

	@Test
	void explainsAPointOutsideNwsCoverage() {
		nws.stubFor(get(urlPathEqualTo("/points/51.5074,-0.1278")).willReturn(aResponse().withStatus(404)
			.withHeader("Content-Type", "application/problem+json")
			.withBody(fixture("points-outside-coverage.json", nws.baseUrl()))));

		CallToolResult result = this.tool.call(Map.of("latitude", 51.5074, "longitude", -0.1278));

		assertError(result, "Unable to fetch forecast data for this location: the National Weather Service has no "
				+ "forecast for this point (it covers the United States and its territories).");
		nws.verify(1, getRequestedFor(urlPathEqualTo("/points/51.5074,-0.1278")));
	}

	@Test
	void explainsAPointWithoutForecastLink() {
		nws.stubFor(get(urlPathEqualTo(POINT_PATH))
			.willReturn(geoJson("{\"type\":\"Feature\",\"properties\":{\"forecast\":null}}", null)));

		assertError(this.tool.call(Map.of("latitude", 39.7456, "longitude", -97.0892)),
				"Unable to fetch forecast data for this location: the National Weather Service has no "
						+ "forecast for this point (it covers the United States and its territories).");
	}

	@Test
	void reportsAMalformedPointsAnswer() {
		nws.stubFor(get(urlPathEqualTo(POINT_PATH)).willReturn(geoJson("{\"type\":\"Feature\",\"properties\":", null)));

		assertError(this.tool.call(Map.of("latitude", 39.7456, "longitude", -97.0892)),
				"Unable to fetch forecast data for this location: the National Weather Service sent a response "
						+ "that could not be used.");
	}

	@Test
	void reportsAFailedForecastAfterRetries() {
		stubPoint(null);
		nws.stubFor(get(urlPathEqualTo(FORECAST_PATH)).willReturn(aResponse().withStatus(500)));

		assertError(this.tool.call(Map.of("latitude", 39.7456, "longitude", -97.0892)),
				"Unable to fetch detailed forecast: the National Weather Service is unavailable; try again later.");
		nws.verify(3, getRequestedFor(urlPathEqualTo(FORECAST_PATH)));
	}

	@Test
	void reportsAForecastTimeout() {
		ForecastTool impatient = new ForecastTool(new NwsClient(NwsFixtures.properties(nws.baseUrl(), Duration.ofMillis(300))));
		stubPoint(null);
		nws.stubFor(get(urlPathEqualTo(FORECAST_PATH))
			.willReturn(geoJson(fixture("forecast-linn-ks.json", nws.baseUrl()), null).withFixedDelay(1_000)));

		assertError(impatient.call(Map.of("latitude", 39.7456, "longitude", -97.0892)),
				"Unable to fetch detailed forecast: the National Weather Service did not answer in time.");
	}

	@Test
	void refusesAForecastLinkToAnotherHost() {
		nws.stubFor(get(urlPathEqualTo(POINT_PATH)).willReturn(geoJson(
				"{\"properties\":{\"forecast\":\"http://attacker.invalid/gridpoints/TOP/32,81/forecast\"}}", null)));

		assertError(this.tool.call(Map.of("latitude", 39.7456, "longitude", -97.0892)),
				"Unable to fetch detailed forecast: the National Weather Service sent a response that could not be used.");
		assertThat(nws.getAllServeEvents()).hasSize(1);
	}

	@Test
	void servesARepeatedCallFromTheCache() {
		stubPoint("public, max-age=86400, s-maxage=3600");
		stubForecast("forecast-linn-ks.json", "public, max-age=600, s-maxage=600");

		CallToolResult first = this.tool.call(Map.of("latitude", 39.7456, "longitude", -97.0892));
		CallToolResult second = this.tool.call(Map.of("latitude", 39.74559, "longitude", -97.08921));

		assertThat(text(second)).isEqualTo(text(first));
		nws.verify(1, getRequestedFor(urlPathEqualTo(POINT_PATH)));
		nws.verify(1, getRequestedFor(urlPathEqualTo(FORECAST_PATH)));
	}

	@Test
	void honoursNoStore() {
		stubPoint("public, max-age=3600");
		stubForecast("forecast-linn-ks.json", "no-store");

		this.tool.call(Map.of("latitude", 39.7456, "longitude", -97.0892));
		this.tool.call(Map.of("latitude", 39.7456, "longitude", -97.0892));

		nws.verify(1, getRequestedFor(urlPathEqualTo(POINT_PATH)));
		nws.verify(2, getRequestedFor(urlPathEqualTo(FORECAST_PATH)));
	}

	@Test
	void doesNotCacheWithoutFreshnessOrAfterFailure() {
		stubPoint(null);
		nws.stubFor(get(urlPathEqualTo(FORECAST_PATH)).willReturn(aResponse().withStatus(404)));

		this.tool.call(Map.of("latitude", 39.7456, "longitude", -97.0892));
		this.tool.call(Map.of("latitude", 39.7456, "longitude", -97.0892));

		nws.verify(2, getRequestedFor(urlPathEqualTo(POINT_PATH)));
		nws.verify(2, getRequestedFor(urlPathEqualTo(FORECAST_PATH)));
	}

	@Test
	void sendsOnlyTheConfiguredUserAgentAndGeoJsonAccept() {
		stubPoint(null);
		stubForecast("forecast-linn-ks.json", null);

		this.tool.call(Map.of("latitude", 39.7456, "longitude", -97.0892));

		for (String path : List.of(POINT_PATH, FORECAST_PATH)) {
			nws.verify(getRequestedFor(urlPathEqualTo(path))
				.withHeader("User-Agent", equalTo(NwsFixtures.USER_AGENT))
				.withHeader("Accept", equalTo("application/geo+json"))
				.withHeader("Authorization", absent())
				.withHeader("Cookie", absent()));
		}
	}

	private static void stubPoint(String cacheControl) {
		nws.stubFor(get(urlPathEqualTo(POINT_PATH))
			.willReturn(geoJson(fixture("points-linn-ks.json", nws.baseUrl()), cacheControl)));
	}

	private static void stubForecast(String fixture, String cacheControl) {
		nws.stubFor(get(urlPathEqualTo(FORECAST_PATH)).willReturn(geoJson(fixture(fixture, nws.baseUrl()), cacheControl)));
	}

	/** Like {@code Map.of}, but allows null values, as JSON arguments can hold. */
	private static Map<String, Object> arguments(Object... keysAndValues) {
		Map<String, Object> arguments = new HashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			arguments.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return arguments;
	}

}
