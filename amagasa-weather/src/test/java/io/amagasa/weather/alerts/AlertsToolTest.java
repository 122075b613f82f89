package io.amagasa.weather.alerts;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.amagasa.weather.NwsFixtures.fixture;
import static io.amagasa.weather.NwsFixtures.geoJson;
import static io.amagasa.weather.ToolAssertions.assertError;
import static io.amagasa.weather.ToolAssertions.assertSuccess;
import static io.amagasa.weather.ToolAssertions.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.amagasa.weather.NwsFixtures;
import io.amagasa.weather.nws.NwsClient;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AlertsToolTest {

	private static final String CA_ALERTS = "/alerts/active/area/CA";

	@RegisterExtension
	static WireMockExtension nws = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private AlertsTool tool;

	@BeforeEach
	void setUp() {
		this.tool = new AlertsTool(new NwsClient(NwsFixtures.properties(nws.baseUrl())));
	}

	@Test
	void answersWithTheQuickstartTextAndTheStructuredAlerts() {
		nws.stubFor(get(urlPathEqualTo(CA_ALERTS)).willReturn(geoJson(fixture("alerts-CA.json", nws.baseUrl()), null)));

		CallToolResult result = this.tool.call(Map.of("state", "ca"));

		assertSuccess(this.tool, result);
		String heat = "* WHAT...Hot conditions with temperatures up to 105 expected.\n\n"
				+ "* WHERE...Sonoma, Napa and Solano Counties.\n\n* WHEN...From 11 AM Monday to 8 PM PDT Tuesday.\n\n"
				+ "* IMPACTS...Hot temperatures may cause heat illnesses.";
		String fog = "* WHAT...Visibility one quarter mile or less in dense fog.\n\n"
				+ "* WHERE...Coastal North Bay Including Point Reyes National Seashore.";
		String drink = "Drink plenty of fluids, stay in an air-conditioned room, stay out of the sun, "
				+ "and check up on relatives and neighbors.";
		assertThat(text(result)).isEqualTo("\nEvent: Heat Advisory\nArea: Sonoma; Napa; Solano\nSeverity: Moderate\n"
				+ "Description: " + heat + "\nInstructions: " + drink + "\n"
				+ "\n---\n"
				+ "\nEvent: Dense Fog Advisory\nArea: Coastal North Bay Including Point Reyes National Seashore\n"
				+ "Severity: Minor\nDescription: " + fog + "\nInstructions: No specific instructions provided\n");
		assertThat(result.structuredContent()).isEqualTo(new Alerts(List.of(
				new Alert("Heat Advisory", "Sonoma; Napa; Solano", "Moderate", heat, drink),
				new Alert("Dense Fog Advisory", "Coastal North Bay Including Point Reyes National Seashore", "Minor", fog,
						"No specific instructions provided"))));
	}

	@Test
	void answersNoAlertsAsANormalResult() {
		nws.stubFor(get(urlPathEqualTo("/alerts/active/area/WY"))
			.willReturn(geoJson(fixture("alerts-WY-empty.json", nws.baseUrl()), null)));

		CallToolResult result = this.tool.call(Map.of("state", "WY"));

		assertSuccess(this.tool, result);
		assertThat(text(result)).isEqualTo("No active alerts for this state.");
		assertThat(result.structuredContent()).isEqualTo(new Alerts(List.of()));
	}

	@Test
	void fillsInTheQuickstartDefaultsForMissingFields() {
		nws.stubFor(get(urlPathEqualTo(CA_ALERTS)).willReturn(geoJson("""
				{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {
				  "event": null, "areaDesc": "", "description": null, "instruction": null}}]}
				""", null)));

		CallToolResult result = this.tool.call(Map.of("state", "CA"));

		assertSuccess(this.tool, result);
		assertThat(text(result)).isEqualTo("\nEvent: Unknown\nArea: Unknown\nSeverity: Unknown\n"
				+ "Description: No description available\nInstructions: No specific instructions provided\n");
	}

	@ParameterizedTest
	@ValueSource(strings = { "dc", "PR", "vi", "GU", "AS", "mp", " ny " })
	void acceptsDcTerritoriesAnyCaseAndSurroundingSpaces(String state) {
		String code = state.trim().toUpperCase();
		nws.stubFor(get(urlPathEqualTo("/alerts/active/area/" + code))
			.willReturn(geoJson(fixture("alerts-WY-empty.json", nws.baseUrl()), null)));

		assertSuccess(this.tool, this.tool.call(Map.of("state", state)));
		nws.verify(1, getRequestedFor(urlPathEqualTo("/alerts/active/area/" + code)));
	}

	@ParameterizedTest
	@ValueSource(strings = { "XX", "California", "", "C", "GM", "PZ", "PW", "CA/../..", "C A" })
	void rejectsCodesThatAreNotUsStatesOrTerritories(String state) {
		assertError(this.tool.call(Map.of("state", state)), "Invalid argument state: expected a two-letter US state "
				+ "or territory code such as CA or NY, got \"" + state + "\".");
		assertThat(nws.getAllServeEvents()).isEmpty();
	}

	@Test
	void rejectsAMissingOrNonTextState() {
		String expected = "a two-letter US state or territory code such as CA or NY";
		assertError(this.tool.call(Map.of()), "Missing required argument state: expected " + expected + ".");
		assertError(this.tool.call(null), "Missing required argument state: expected " + expected + ".");
		assertError(this.tool.call(Map.of("state", 42)), "Invalid argument state: expected " + expected + ", got 42.");
		assertError(this.tool.call(Map.of("state", Map.of("code", "CA"))),
				"Invalid argument state: expected " + expected + ", got an object.");
		assertThat(nws.getAllServeEvents()).isEmpty();
	}

	@Test
	void shortensAnEchoedLongValue() {
		String state = "x".repeat(100);

		assertThat(text(this.tool.call(Map.of("state", state)))).endsWith(", got \"" + "x".repeat(40) + "…\".");
	}

	@Test
	void reportsAnUnavailableNwsAfterBoundedRetries() {
		nws.stubFor(get(urlPathEqualTo(CA_ALERTS)).willReturn(aResponse().withStatus(503)));

		assertError(this.tool.call(Map.of("state", "CA")),
				"Unable to fetch alerts for CA: the National Weather Service is unavailable; try again later.");
		nws.verify(3, getRequestedFor(urlPathEqualTo(CA_ALERTS)));
	}

	@Test
	void reportsRateLimiting() {
		nws.stubFor(get(urlPathEqualTo(CA_ALERTS)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")));

		assertError(this.tool.call(Map.of("state", "CA")),
				"Unable to fetch alerts for CA: the National Weather Service is limiting requests; try again shortly.");
		nws.verify(3, getRequestedFor(urlPathEqualTo(CA_ALERTS)));
	}

	@Test
	void reportsATimeout() {
		AlertsTool impatient = new AlertsTool(new NwsClient(NwsFixtures.properties(nws.baseUrl(), Duration.ofMillis(300))));
		nws.stubFor(get(urlPathEqualTo(CA_ALERTS))
			.willReturn(geoJson(fixture("alerts-WY-empty.json", nws.baseUrl()), null).withFixedDelay(1_000)));

		assertError(impatient.call(Map.of("state", "CA")),
				"Unable to fetch alerts for CA: the National Weather Service did not answer in time.");
	}

	@Test
	void reportsAConnectionFailure() {
		nws.stubFor(get(urlPathEqualTo(CA_ALERTS)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

		assertError(this.tool.call(Map.of("state", "CA")),
				"Unable to fetch alerts for CA: the National Weather Service could not be reached.");
		nws.verify(3, getRequestedFor(urlPathEqualTo(CA_ALERTS)));
	}

	@Test
	void reportsMalformedJsonWithoutRetrying() {
		nws.stubFor(get(urlPathEqualTo(CA_ALERTS)).willReturn(geoJson("<html>Service Unavailable</html>", null)));

		assertError(this.tool.call(Map.of("state", "CA")),
				"Unable to fetch alerts for CA: the National Weather Service sent a response that could not be used.");
		nws.verify(1, getRequestedFor(urlPathEqualTo(CA_ALERTS)));
	}

	@Test
	void reportsAnAnswerWithoutFeatures() {
		nws.stubFor(get(urlPathEqualTo(CA_ALERTS)).willReturn(geoJson("{\"type\": \"FeatureCollection\"}", null)));

		assertError(this.tool.call(Map.of("state", "CA")),
				"Unable to fetch alerts for CA: the National Weather Service sent a response that could not be used.");
	}

	@Test
	void neverCachesAlerts() {
		nws.stubFor(get(urlPathEqualTo(CA_ALERTS))
			.willReturn(geoJson(fixture("alerts-CA.json", nws.baseUrl()), "public, max-age=30, s-maxage=30")));

		this.tool.call(Map.of("state", "CA"));
		this.tool.call(Map.of("state", "CA"));

		nws.verify(2, getRequestedFor(urlPathEqualTo(CA_ALERTS))
			.withHeader("User-Agent", equalTo(NwsFixtures.USER_AGENT))
			.withHeader("Accept", equalTo("application/geo+json"))
			.withHeader("Authorization", absent()));
	}

}
