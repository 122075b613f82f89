package io.amagasa.server.embedded;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.amagasa.authorization.testing.Http;

/** MCP requests to a running server's {@code /mcp}. */
public final class McpRequests {

	private McpRequests() {
	}

	public static HttpResponse<String> initialize(String baseUrl, String accessToken) {
		return post(baseUrl, accessToken, null,
				"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
						+ "\"capabilities\":{},\"clientInfo\":{\"name\":\"embedded-mode-test\",\"version\":\"1\"}}}");
	}

	public static HttpResponse<String> toolsList(String baseUrl, String accessToken, String session) {
		return post(baseUrl, accessToken, session, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
	}

	public static HttpResponse<String> post(String baseUrl, String accessToken, String session, String body) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + "/mcp"))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json, text/event-stream")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (accessToken != null) {
			request.header("Authorization", "Bearer " + accessToken);
		}
		if (session != null) {
			request.header("Mcp-Session-Id", session).header("MCP-Protocol-Version", "2025-11-25");
		}
		return Http.send(request.build());
	}

}
