package io.amagasa.interop;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official TypeScript SDK client against the server started exactly as the README says (the
 * embedded authorization server, the default mode): 401 → Protected Resource Metadata → authorization
 * server metadata → dynamic client registration → PKCE authorization with Amagasa's own login and
 * consent pages driven in headless Chromium → token → tools/list and tools/call.
 */
class EmbeddedAuthorizationServerClientTest {

	static final String ADMIN_PASSWORD = "interop-admin-password";

	/** Amagasa's login and consent pages, for the generic browser-login driver. */
	static final String SELECTORS = "{\"username\":\"#username\",\"password\":\"#password\","
			+ "\"submit\":\"button[type=submit]\",\"consent\":\"#approve\"}";

	static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void dynamicRegistrationThenPkceLoginThenTools(@TempDir Path data) throws Exception {
		try (NwsStub nws = new NwsStub();
				ServerProcess server = ServerProcess.start("embedded-dcr", Map.of("AMAGASA_ADMIN_PASSWORD", ADMIN_PASSWORD),
						"--amagasa.data-dir=" + data, nws.argument())) {
			JsonNode report = runClient("embedded-dcr", server);
			String issuer = "http://localhost:" + server.port();

			assertThat(report.path("firstConnect").asString()).isEqualTo("UnauthorizedError");
			assertThat(report.path("authorizationServer").path("issuer").asString()).isEqualTo(issuer);
			JsonNode params = report.path("authorizationRequest").path("params");
			assertThat(params.path("code_challenge_method").asString()).isEqualTo("S256");
			assertThat(params.path("resource").asString()).isEqualTo(server.publicMcpUrl());
			assertThat(params.path("scope").asString()).isEqualTo("weather.read");
			assertThat(report.path("callback").path("iss").asString()).as("RFC 9207").isEqualTo(issuer);
			assertThat(report.path("callback").path("stateMatches").asBoolean()).isTrue();

			JsonNode claims = report.path("token").path("claims");
			assertThat(claims.path("iss").asString()).isEqualTo(issuer);
			assertThat(claims.path("aud").toString()).contains(server.publicMcpUrl());
			assertThat(claims.path("scope").asString()).contains("weather.read");
			assertThat(claims.path("sub").asString()).isEqualTo("admin");

			List<String> tools = new ArrayList<>();
			report.path("tools").forEach(tool -> tools.add(tool.asString()));
			assertThat(tools).containsExactlyInAnyOrder("get_alerts", "get_forecast");
			JsonNode forecast = report.path("calls").get(0).path("result");
			assertThat(forecast.path("isError").asBoolean()).as(forecast.toString()).isFalse();
			assertThat(forecast.path("content").get(0).path("text").asString()).contains("Temperature:");
			assertThat(report.path("exchanges").toString())
				.contains("{\"method\":\"POST\",\"url\":\"http://localhost:" + server.port() + "/oauth2/register\",\"status\":201}");
			assertThat(report.path("registeredClient").path("client_id").asString()).startsWith("dcr_");
			// The login and the consent page, as the person saw them (test artifacts).
			assertThat(report.path("callback").path("screenshots").size()).isGreaterThanOrEqualTo(2);
		}
	}

	/**
	 * Client ID Metadata Documents (AS-15..AS-21): the client's id is the https URL of its metadata
	 * document, served here over TLS on loopback (the server trusts the test certificate, and the documented
	 * development switch lets it fetch from a loopback host); no registration request is made.
	 */
	@Test
	void clientIdMetadataDocumentThenPkceLoginThenTools(@TempDir Path data) throws Exception {
		int callbackPort = ServerProcess.freePort();
		String redirectUri = "http://127.0.0.1:" + callbackPort + "/callback";
		try (MetadataDocumentServer documents = MetadataDocumentServer.start(data.resolve("tls"));
				NwsStub nws = new NwsStub()) {
			String clientId = documents.url("/clients/interop.json");
			documents.serve("/clients/interop.json", "{\"client_id\":\"" + clientId + "\","
					+ "\"client_name\":\"Amagasa interop (metadata document)\",\"redirect_uris\":[\"" + redirectUri + "\"],"
					+ "\"grant_types\":[\"authorization_code\",\"refresh_token\"],\"response_types\":[\"code\"],"
					+ "\"token_endpoint_auth_method\":\"none\"}");
			try (ServerProcess server = ServerProcess.start("embedded-cimd",
					Map.of("AMAGASA_ADMIN_PASSWORD", ADMIN_PASSWORD, "JAVA_TOOL_OPTIONS", documents.trustStoreOptions()),
					"--amagasa.data-dir=" + data.resolve("db"), "--amagasa.authorization-server.clients.cimd.allow-loopback=true",
					nws.argument())) {
				JsonNode report = runClient("embedded-cimd", server, "--client-metadata-url", clientId, "--redirect-uri",
						redirectUri);
				assertThat(report.path("authorizationRequest").path("params").path("client_id").asString()).isEqualTo(clientId);
				assertThat(report.path("exchanges").toString()).contains("/oauth2/token").doesNotContain("/register");
				assertThat(report.path("token").path("claims").path("client_id").asString()).isEqualTo(clientId);
				assertThat(report.path("calls").get(0).path("result").path("isError").asBoolean()).isFalse();
				assertThat(documents.requests()).as("the server fetched the metadata document").isPositive();
			}
		}
	}

	static JsonNode runClient(String name, ServerProcess server, String... extraArguments) throws Exception {
		List<String> arguments = new ArrayList<>(List.of("clients/ts-sdk-oauth-client.mjs", "--url",
				server.publicMcpUrl(), "--username", "admin", "--password", ADMIN_PASSWORD, "--selectors", SELECTORS,
				"--calls",
				"[{\"name\":\"get_forecast\",\"arguments\":{\"latitude\":" + NwsStub.LATITUDE + ",\"longitude\":"
						+ NwsStub.LONGITUDE + "}}]",
				"--screenshot-dir", Interop.reportsDir().toString(), "--screenshot-prefix", name));
		arguments.addAll(List.of(extraArguments));
		Node.Result result = Node.run(name, 180, Map.of(), arguments.toArray(String[]::new));
		assertThat(result.exitCode()).as(result.describe() + "\n--- server\n" + server.output()).isZero();
		String[] lines = result.stdout().strip().split("\n");
		return JSON.readTree(lines[lines.length - 1]);
	}

}
