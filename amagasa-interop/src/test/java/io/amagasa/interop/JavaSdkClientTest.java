package io.amagasa.interop;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MCP Java SDK client end to end over real transports: Streamable HTTP (sessions), stateless HTTP,
 * and stdio with the packaged jar as a child process (stdout must carry nothing but the protocol).
 */
class JavaSdkClientTest {

	@Test
	void streamableHttp() throws Exception {
		try (NwsStub nws = new NwsStub();
				ServerProcess server = ServerProcess.start("java-sdk-http", Map.of(), "--amagasa.auth.mode=none",
						nws.argument())) {
			exercise(HttpClientStreamableHttpTransport.builder(server.baseUrl()).endpoint("/mcp").build(), "2025-11-25");
		}
	}

	@Test
	void statelessHttp() throws Exception {
		try (NwsStub nws = new NwsStub();
				ServerProcess server = ServerProcess.start("java-sdk-stateless", Map.of(), "--amagasa.auth.mode=none",
						"--spring.ai.mcp.server.protocol=STATELESS", nws.argument())) {
			exercise(HttpClientStreamableHttpTransport.builder(server.baseUrl()).endpoint("/mcp").build(), "2025-11-25");
		}
	}

	@Test
	void stdioWithThePackagedJar() throws Exception {
		try (NwsStub nws = new NwsStub()) {
			ServerParameters parameters = ServerParameters.builder(ServerProcess.javaExecutable())
				.args(List.of("-jar", ServerProcess.serverJar().toString(), "--stdio", nws.argument()))
				.build();
			exercise(new StdioClientTransport(parameters, McpJsonDefaults.getMapper()), "2025-11-25");
		}
	}

	private static void exercise(McpClientTransport transport, String protocolVersion) {
		try (McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60)).build()) {
			McpSchema.InitializeResult initialized = client.initialize();
			assertThat(initialized.protocolVersion()).isEqualTo(protocolVersion);
			assertThat(client.listTools().tools()).extracting(McpSchema.Tool::name)
				.containsExactlyInAnyOrder("get_alerts", "get_forecast");

			McpSchema.CallToolResult forecast = client.callTool(new McpSchema.CallToolRequest("get_forecast",
					Map.of("latitude", NwsStub.LATITUDE, "longitude", NwsStub.LONGITUDE)));
			assertThat(forecast.isError()).isNotEqualTo(Boolean.TRUE);
			assertThat(((McpSchema.TextContent) forecast.content().get(0)).text()).contains("Temperature:");
			assertThat(forecast.structuredContent()).isNotNull();

			McpSchema.CallToolResult outOfRange = client
				.callTool(new McpSchema.CallToolRequest("get_forecast", Map.of("latitude", 123, "longitude", 0)));
			assertThat(outOfRange.isError()).isTrue();
			assertThat(((McpSchema.TextContent) outOfRange.content().get(0)).text()).contains("latitude");
		}
	}

}
