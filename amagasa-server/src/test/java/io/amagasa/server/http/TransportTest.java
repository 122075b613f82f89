package io.amagasa.server.http;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTTP transport in {@code none} mode: DNS-rebinding protection (TR-01, TR-02) with raw requests
 * (a browser-like {@code Host} and {@code Origin} can only be forged below the HTTP client), and
 * protocol-version negotiation.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "amagasa.auth.mode=none", "amagasa.http.allowed-origins=https://inspector.example" })
class TransportTest {

	@LocalServerPort
	int port;

	static Stream<Arguments> hostsAndOrigins() {
		return Stream.of(
				Arguments.of("localhost:%d", null, 200),
				Arguments.of("127.0.0.1:%d", "http://127.0.0.1:%d", 200),
				Arguments.of("[::1]:%d", "http://localhost:%d", 200),
				Arguments.of("localhost:%d", "https://inspector.example", 200),
				// TR-02: a present, foreign Origin is 403.
				Arguments.of("localhost:%d", "http://evil.example.com", 403),
				Arguments.of("localhost:%d", "null", 403),
				Arguments.of("localhost:%d", "http://localhost:1", 403),
				// A rebinding page reaches us under its own host name: 421 Misdirected Request.
				Arguments.of("evil.example.com", null, 421),
				Arguments.of("evil.example.com:%d", "http://evil.example.com:%d", 403),
				Arguments.of("localhost:1", null, 421));
	}

	@ParameterizedTest(name = "Host {0}, Origin {1} -> {2}")
	@MethodSource("hostsAndOrigins")
	void dnsRebindingProtection(String host, String origin, int status) throws Exception {
		String response = raw("POST", "/mcp", host.formatted(this.port), origin == null ? null : origin.formatted(this.port),
				initialize("2025-11-25"));
		assertThat(statusOf(response)).as(response).isEqualTo(status);
		if (status == 403) {
			assertThat(response).contains("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32600,\"message\":\"Forbidden: Origin not allowed\"}}");
		}
	}

	/**
	 * TR-01, TR-02 on every spelling of the endpoint's path that reaches the transport, which routes by the
	 * decoded path: a foreign Origin gets the same 403 JSON-RPC error there, and a foreign Host 421.
	 */
	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "/mc%70", "/%6Dcp" })
	void encodedSpellingsOfTheEndpointAreChecked(String path) throws Exception {
		String local = "localhost:" + this.port;
		String served = raw("POST", path, local, null, initialize("2025-11-25"));
		assertThat(statusOf(served)).as(served).isEqualTo(200);
		String foreignOrigin = raw("POST", path, local, "http://evil.example.com", initialize("2025-11-25"));
		assertThat(statusOf(foreignOrigin)).as(foreignOrigin).isEqualTo(403);
		assertThat(foreignOrigin).contains("\"message\":\"Forbidden: Origin not allowed\"");
		String foreignHost = raw("POST", path, "evil.example.com", null, initialize("2025-11-25"));
		assertThat(statusOf(foreignHost)).as(foreignHost).isEqualTo(421);
	}

	/**
	 * TR-02 and CORS agree: a browser-based client on an origin the Origin check accepts (a configured one,
	 * or a loopback origin of this server) can read the answer and the session id, also without
	 * authorization.
	 */
	@ParameterizedTest(name = "Host {0}, Origin {1}")
	@CsvSource({ "localhost:%d, https://inspector.example", "[::1]:%d, http://localhost:%d" })
	void browserClientsOnAcceptedOriginsGetCors(String host, String origin) throws Exception {
		String allowed = origin.formatted(this.port);
		String preflight = raw("OPTIONS", "/mcp", host.formatted(this.port), allowed, null,
				"Access-Control-Request-Method: POST", "Access-Control-Request-Headers: content-type,mcp-session-id");
		assertThat(statusOf(preflight)).as(preflight).isEqualTo(200);
		assertThat(preflight).contains("Access-Control-Allow-Origin: " + allowed + "\n")
			.containsIgnoringCase("Access-Control-Allow-Headers: content-type, mcp-session-id\n");

		String response = raw("POST", "/mcp", host.formatted(this.port), allowed, initialize("2025-11-25"));
		assertThat(statusOf(response)).as(response).isEqualTo(200);
		assertThat(response).contains("Access-Control-Allow-Origin: " + allowed + "\n")
			.contains("Access-Control-Expose-Headers: WWW-Authenticate, Mcp-Session-Id, MCP-Protocol-Version\n");
	}

	@Test
	void healthProbesAnswerWhateverTheHost() throws Exception {
		String response = raw("GET", "/actuator/health/readiness", "10.1.2.3:8080", null, null);
		assertThat(statusOf(response)).isEqualTo(200);
		assertThat(response).contains("\"status\":\"UP\"");
		// a path that only begins like a probe's is the MCP endpoint's once normalized: checked as such
		String traversal = raw("POST", "/actuator/health/../../mcp", "evil.example.com", null, initialize("2025-11-25"));
		assertThat(statusOf(traversal)).as(traversal).isEqualTo(421);
	}

	/** Malformed requests get a JSON-RPC error without an id — never a serialized exception or stack trace. */
	@ParameterizedTest
	@MethodSource("malformedBodies")
	void malformedRequestsGetJsonRpcErrors(String body, int status, String error) throws Exception {
		String response = raw("POST", "/mcp", "localhost:" + this.port, null, body);
		assertThat(statusOf(response)).isEqualTo(status);
		assertThat(response).contains("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":" + error + "}")
			.doesNotContain("stackTrace")
			.doesNotContain("Exception");
	}

	static Stream<Arguments> malformedBodies() {
		return Stream.of(Arguments.of("not json", 400, "{\"code\":-32600,\"message\":\"Invalid message format\"}"),
				Arguments.of("[]", 400, "{\"code\":-32600,\"message\":\"Invalid message format\"}"),
				Arguments.of("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/list\"}", 400,
						"{\"code\":-32601,\"message\":\"Session ID missing\"}"));
	}

	@ParameterizedTest
	@MethodSource("versions")
	void negotiatesProtocolVersions(String requested, String negotiated) throws Exception {
		String response = raw("POST", "/mcp", "localhost:" + this.port, null, initialize(requested));
		assertThat(statusOf(response)).isEqualTo(200);
		assertThat(response).contains("\"protocolVersion\":\"" + negotiated + "\"");
	}

	static Stream<Arguments> versions() {
		return Stream.of(Arguments.of("2025-11-25", "2025-11-25"), Arguments.of("2025-06-18", "2025-06-18"),
				Arguments.of("2025-03-26", "2025-03-26"), Arguments.of("2099-01-01", "2025-11-25"));
	}

	private static String initialize(String version) {
		return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"" + version
				+ "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"transport-test\",\"version\":\"1\"}}}";
	}

	private static int statusOf(String response) {
		return Integer.parseInt(response.substring(9, 12));
	}

	/** One HTTP/1.1 request written by hand, so that Host and Origin are exactly what a browser would send. */
	private String raw(String method, String path, String host, String origin, String body, String... headers)
			throws Exception {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			StringBuilder request = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n");
			if (origin != null) {
				request.append("Origin: ").append(origin).append("\r\n");
			}
			for (String header : headers) {
				request.append(header).append("\r\n");
			}
			byte[] payload = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
			if (body != null) {
				request.append("Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\n");
			}
			request.append("Content-Length: ").append(payload.length).append("\r\nConnection: close\r\n\r\n");
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
			out.write(payload);
			out.flush();
			BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
			StringBuilder response = new StringBuilder();
			for (String line = in.readLine(); line != null; line = in.readLine()) {
				response.append(line).append('\n');
			}
			return response.toString();
		}
	}

}
