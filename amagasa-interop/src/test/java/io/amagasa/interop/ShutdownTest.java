package io.amagasa.interop;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM ends the server promptly even while a client holds the session's SSE stream open: the open
 * sessions are closed before graceful shutdown waits for in-flight requests (otherwise it would wait
 * out its whole timeout). The bound asserted is a hang detector, far above the expected time.
 */
class ShutdownTest {

	@Test
	void sigtermWithAnOpenSseStreamExitsPromptly() throws Exception {
		ServerProcess server = ServerProcess.start("shutdown", Map.of(), "--amagasa.auth.mode=none",
				"--spring.lifecycle.timeout-per-shutdown-phase=60s");
		try {
			HttpClient http = HttpClient.newHttpClient();
			HttpResponse<String> initialized = http.send(HttpRequest.newBuilder(URI.create(server.mcpUrl()))
				.header("Content-Type", "application/json")
				.header("Accept", "application/json, text/event-stream")
				.POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\","
						+ "\"params\":{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
						+ "\"clientInfo\":{\"name\":\"shutdown-test\",\"version\":\"1\"}}}"))
				.build(), HttpResponse.BodyHandlers.ofString());
			String session = initialized.headers().firstValue("Mcp-Session-Id").orElseThrow();
			CompletableFuture<HttpResponse<Void>> stream = http.sendAsync(HttpRequest.newBuilder(URI.create(server.mcpUrl()))
				.header("Accept", "text/event-stream")
				.header("Mcp-Session-Id", session)
				.header("MCP-Protocol-Version", "2025-11-25")
				.GET()
				.build(), HttpResponse.BodyHandlers.discarding());
			Thread.sleep(500);
			assertThat(stream).as("the SSE stream is open").isNotDone();

			Instant signalled = Instant.now();
			server.process().destroy();
			boolean exited = server.process().waitFor(30, TimeUnit.SECONDS);
			Duration took = Duration.between(signalled, Instant.now());

			assertThat(exited).as("exited within 30 s of SIGTERM (graceful timeout is 60 s)").isTrue();
			assertThat(server.output()).contains("Closed open MCP sessions before shutdown");
			System.out.println("shutdown with an open SSE stream took " + took.toMillis() + " ms");
		}
		finally {
			server.close();
		}
	}

}
