package io.amagasa.interop;

import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official TypeScript SDK client ({@code @modelcontextprotocol/sdk}, pinned) over Streamable HTTP
 * against the packaged server: it negotiates the protocol, lists both tools and calls them, validating
 * each result's structured content against the tool's outputSchema as it does for every server.
 */
class TypeScriptSdkClientTest {

	@Test
	void listsAndCallsBothTools() throws Exception {
		try (NwsStub nws = new NwsStub();
				ServerProcess server = ServerProcess.start("ts-sdk", Map.of(), "--amagasa.auth.mode=none", nws.argument())) {
			String calls = "[{\"name\":\"get_alerts\",\"arguments\":{\"state\":\"ca\"}},"
					+ "{\"name\":\"get_forecast\",\"arguments\":{\"latitude\":" + NwsStub.LATITUDE + ",\"longitude\":"
					+ NwsStub.LONGITUDE + "}},{\"name\":\"get_alerts\",\"arguments\":{\"state\":\"XX\"}}]";
			Node.Result result = Node.run("ts-sdk-client", 60, Map.of(), "clients/ts-sdk-client.mjs", server.mcpUrl(),
					calls);
			assertThat(result.exitCode()).as(result.describe()).isZero();

			JsonNode report = JsonMapper.builder().build().readTree(result.stdout());
			assertThat(report.path("protocolVersion").asString()).isEqualTo("2025-11-25");
			assertThat(report.path("tools").valueStream().map(tool -> tool.path("name").asString()))
				.contains("get_alerts", "get_forecast");
			JsonNode forecastTool = tool(report, "get_forecast");
			assertThat(forecastTool.path("outputSchema").path("type").asString()).isEqualTo("object");
			assertThat(forecastTool.path("annotations").path("readOnlyHint").asBoolean()).isTrue();

			JsonNode alerts = report.path("calls").get(0);
			assertThat(alerts.path("isError").asBoolean(false)).isFalse();
			assertThat(alerts.path("content").get(0).path("text").asString()).startsWith("\nEvent: ");
			assertThat(alerts.path("structuredContent").path("result").isArray()).isTrue();

			JsonNode forecast = report.path("calls").get(1);
			assertThat(forecast.path("content").get(0).path("text").asString()).contains("Temperature: ").contains("°F");
			assertThat(forecast.path("structuredContent").path("periods").size()).isBetween(1, 5);
			assertThat(forecast.path("structuredContent").path("latitude").asDouble()).isEqualTo(NwsStub.LATITUDE);

			JsonNode badState = report.path("calls").get(2);
			assertThat(badState.path("isError").asBoolean()).isTrue();
			assertThat(badState.path("content").get(0).path("text").asString()).contains("XX");
		}
	}

	private static JsonNode tool(JsonNode report, String name) {
		for (JsonNode tool : report.path("tools")) {
			if (name.equals(tool.path("name").asString())) {
				return tool;
			}
		}
		throw new AssertionError("no tool " + name + " in " + report.path("tools"));
	}

}
