package io.amagasa.weather;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.amagasa.weather.NwsFixtures.FORECAST_PATH;
import static io.amagasa.weather.NwsFixtures.POINT_PATH;
import static io.amagasa.weather.NwsFixtures.fixture;
import static io.amagasa.weather.NwsFixtures.geoJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.amagasa.weather.alerts.AlertsTool;
import io.amagasa.weather.forecast.ForecastTool;
import io.amagasa.weather.nws.NwsClient;
import io.amagasa.weather.tool.ToolSpecifications;
import io.amagasa.weather.tool.WeatherTool;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpStatelessSyncServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStatelessServerTransport;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema.ServerCapabilities;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The tools served by real MCP SDK servers, session-based (over stdio) and stateless (over the
 * servlet transport): the SDK's own input validation and output-schema validation run, and
 * every answer, good input or bad, is a tool result rather than a JSON-RPC error.
 */
class McpServerRoundTripTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@RegisterExtension
	static WireMockExtension nws = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	private static StdioServer sessionBased;

	private static StatelessServer stateless;

	@BeforeAll
	static void startServers() throws IOException {
		NwsClient client = new NwsClient(NwsFixtures.properties(nws.baseUrl()));
		List<WeatherTool> tools = List.of(new AlertsTool(client), new ForecastTool(client));
		sessionBased = new StdioServer(tools);
		stateless = new StatelessServer(tools);
	}

	@AfterAll
	static void stopServers() {
		sessionBased.stop();
		stateless.stop();
	}

	static Stream<McpEndpoint> servers() {
		return Stream.of(sessionBased, stateless);
	}

	@ParameterizedTest
	@MethodSource("servers")
	void listsBothToolsWithSchemasAndAnnotations(McpEndpoint server) {
		JsonNode tools = server.call("tools/list", Map.of()).get("result").get("tools");

		assertThat(tools).extracting(tool -> tool.get("name").asString()).containsExactly("get_alerts", "get_forecast");
		for (JsonNode tool : tools) {
			assertThat(tool.get("title").asString()).startsWith("Weather ");
			assertThat(tool.get("outputSchema").get("type").asString()).isEqualTo("object");
			JsonNode annotations = tool.get("annotations");
			assertThat(annotations.get("readOnlyHint").asBoolean()).isTrue();
			assertThat(annotations.get("destructiveHint").asBoolean()).isFalse();
			assertThat(annotations.get("idempotentHint").asBoolean()).isTrue();
			assertThat(annotations.get("openWorldHint").asBoolean()).isTrue();
		}
	}

	@ParameterizedTest
	@MethodSource("servers")
	void returnsAlertsThatPassTheSdkOutputValidation(McpEndpoint server) {
		nws.stubFor(get(urlPathEqualTo("/alerts/active/area/CA"))
			.willReturn(geoJson(fixture("alerts-CA.json", nws.baseUrl()), null)));

		JsonNode result = server.callTool("get_alerts", Map.of("state", "CA"));

		assertThat(result.get("isError").asBoolean()).isFalse();
		assertThat(result.get("structuredContent").get("result")).hasSize(2);
		assertThat(result.get("content").get(0).get("text").asString()).startsWith("\nEvent: Heat Advisory\n");
	}

	@ParameterizedTest
	@MethodSource("servers")
	void returnsAForecastWithANullTemperatureThatPassesTheSdkOutputValidation(McpEndpoint server) {
		nws.stubFor(get(urlPathEqualTo(POINT_PATH)).willReturn(geoJson(fixture("points-linn-ks.json", nws.baseUrl()), null)));
		nws.stubFor(get(urlPathEqualTo(FORECAST_PATH)).willReturn(geoJson(fixture("forecast-sparse.json", nws.baseUrl()), null)));

		JsonNode result = server.callTool("get_forecast", Map.of("latitude", 39.7456, "longitude", -97.0892));

		assertThat(result.get("isError").asBoolean()).isFalse();
		assertThat(result.get("structuredContent").get("periods").get(0).get("temperature").isNull()).isTrue();
	}

	@ParameterizedTest
	@MethodSource("servers")
	void answersWrongTypesWithTheSdkValidationMessage(McpEndpoint server) {
		JsonNode result = server.callTool("get_forecast", Map.of("latitude", "abc", "longitude", -97.0892));

		assertThat(result.get("isError").asBoolean()).isTrue();
		assertThat(result.get("content").get(0).get("text").asString())
			.isEqualTo("Tool (get_forecast) input validation failed: Validation failed: JSON schema validation errors: "
					+ "[/latitude: string found, number expected]");
	}

	@ParameterizedTest
	@MethodSource("servers")
	void answersMissingArgumentsWithTheSdkValidationMessage(McpEndpoint server) {
		JsonNode result = server.callTool("get_alerts", Map.of());

		assertThat(result.get("isError").asBoolean()).isTrue();
		assertThat(result.get("content").get(0).get("text").asString())
			.isEqualTo("Tool (get_alerts) input validation failed: Validation failed: JSON schema validation errors: "
					+ "[: required property 'state' not found]");
	}

	@ParameterizedTest
	@MethodSource("servers")
	void answersValuesTheSchemaCannotJudgeWithTheToolsOwnMessage(McpEndpoint server) {
		JsonNode latitude = server.callTool("get_forecast", Map.of("latitude", 91, "longitude", 0));
		JsonNode state = server.callTool("get_alerts", Map.of("state", "XX"));

		assertThat(latitude.get("isError").asBoolean()).isTrue();
		assertThat(latitude.get("content").get(0).get("text").asString())
			.isEqualTo("Invalid argument latitude: expected a number from -90 to 90, got 91.");
		assertThat(state.get("isError").asBoolean()).isTrue();
		assertThat(state.get("content").get(0).get("text").asString()).isEqualTo(
				"Invalid argument state: expected a two-letter US state or territory code such as CA or NY, got \"XX\".");
	}

	/** A JSON-RPC conversation with a server. */
	abstract static class McpEndpoint {

		private final AtomicInteger ids = new AtomicInteger();

		/** The whole JSON-RPC response. */
		JsonNode call(String method, Map<String, Object> params) {
			JsonNode response = exchange(JSON.writeValueAsString(
					Map.of("jsonrpc", "2.0", "id", this.ids.incrementAndGet(), "method", method, "params", params)));
			assertThat(response.has("error")).as("JSON-RPC error in %s", response).isFalse();
			return response;
		}

		JsonNode callTool(String name, Map<String, Object> arguments) {
			return call("tools/call", Map.of("name", name, "arguments", arguments)).get("result");
		}

		abstract JsonNode exchange(String request);

		/** Not {@code close()}: JUnit would close an AutoCloseable argument after each test. */
		abstract void stop();

	}

	/** The session-based server, as Spring AI runs it for stdio, over in-memory pipes. */
	static final class StdioServer extends McpEndpoint {

		private final McpSyncServer server;

		private final OutputStream toServer;

		private final BufferedReader fromServer;

		StdioServer(List<WeatherTool> tools) throws IOException {
			Pipe in = Pipe.open();
			Pipe out = Pipe.open();
			this.toServer = Channels.newOutputStream(in.sink());
			this.fromServer = new BufferedReader(
					new InputStreamReader(Channels.newInputStream(out.source()), StandardCharsets.UTF_8));
			this.server = McpServer
				.sync(new StdioServerTransportProvider(McpJsonDefaults.getMapper(), Channels.newInputStream(in.source()),
						Channels.newOutputStream(out.sink())))
				.serverInfo("weather-test", "1")
				.capabilities(ServerCapabilities.builder().tools(false).build())
				.tools(ToolSpecifications.sessionBased(tools))
				.build();
			call("initialize", Map.of("protocolVersion", "2025-11-25", "capabilities", Map.of(), "clientInfo",
					Map.of("name", "test", "version", "1")));
			send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
		}

		@Override
		JsonNode exchange(String request) {
			send(request);
			try {
				String line = CompletableFuture.supplyAsync(this::readLine).get(10, TimeUnit.SECONDS);
				return JSON.readTree(line);
			}
			catch (Exception ex) {
				throw new IllegalStateException("No answer from the stdio server to " + request, ex);
			}
		}

		private void send(String message) {
			try {
				this.toServer.write((message + "\n").getBytes(StandardCharsets.UTF_8));
				this.toServer.flush();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		private String readLine() {
			try {
				return this.fromServer.readLine();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		@Override
		void stop() {
			this.server.close();
		}

		@Override
		public String toString() {
			return "session-based (stdio)";
		}

	}

	/** The stateless server, as Spring AI runs it, through the SDK's servlet transport. */
	static final class StatelessServer extends McpEndpoint {

		private final HttpServletStatelessServerTransport transport;

		private final McpStatelessSyncServer server;

		StatelessServer(List<WeatherTool> tools) {
			this.transport = HttpServletStatelessServerTransport.builder()
				.jsonMapper(McpJsonDefaults.getMapper())
				.messageEndpoint("/mcp")
				.build();
			this.server = McpServer.sync(this.transport)
				.serverInfo("weather-test", "1")
				.capabilities(ServerCapabilities.builder().tools(false).build())
				.tools(ToolSpecifications.stateless(tools))
				.build();
		}

		@Override
		JsonNode exchange(String request) {
			MockHttpServletRequest post = new MockHttpServletRequest("POST", "/mcp");
			post.addHeader("Accept", "application/json, text/event-stream");
			post.setContentType("application/json");
			post.setContent(request.getBytes(StandardCharsets.UTF_8));
			MockHttpServletResponse response = new MockHttpServletResponse();
			try {
				this.transport.service(post, response);
				assertThat(response.getStatus()).as(response.getContentAsString()).isEqualTo(200);
				return JSON.readTree(response.getContentAsString());
			}
			catch (Exception ex) {
				throw new IllegalStateException("Stateless server failed on " + request, ex);
			}
		}

		@Override
		void stop() {
			this.server.close();
		}

		@Override
		public String toString() {
			return "stateless";
		}

	}

}
