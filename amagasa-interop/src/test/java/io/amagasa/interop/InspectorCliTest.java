package io.amagasa.interop;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** MCP Inspector's CLI ({@code @modelcontextprotocol/inspector} 2.12, pinned) lists and calls the tools. */
class InspectorCliTest {

	@Test
	void listsAndCallsTools() throws Exception {
		try (NwsStub nws = new NwsStub();
				ServerProcess server = ServerProcess.start("inspector", Map.of(), "--amagasa.auth.mode=none",
						nws.argument())) {
			Node.Result listed = Node.run("inspector-tools-list", 60, Map.of(), Node.bin("mcp-inspector"), "--cli",
					server.mcpUrl(), "--transport", "http", "--method", "tools/list");
			assertThat(listed.exitCode()).as(listed.describe()).isZero();
			assertThat(listed.stdout()).contains("\"get_alerts\"").contains("\"get_forecast\"");

			Node.Result called = Node.run("inspector-tools-call", 60, Map.of(), Node.bin("mcp-inspector"), "--cli",
					server.mcpUrl(), "--transport", "http", "--method", "tools/call", "--tool-name", "get_alerts",
					"--tool-arg", "state=WY");
			assertThat(called.exitCode()).as(called.describe()).isZero();
			assertThat(called.stdout()).contains("No active alerts for this state.");
		}
	}

}
