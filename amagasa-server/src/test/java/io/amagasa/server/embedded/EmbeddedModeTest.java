package io.amagasa.server.embedded;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.amagasa.authorization.testing.BrowserLogin;
import io.amagasa.authorization.testing.Flows;
import io.amagasa.authorization.testing.Http;
import io.amagasa.authorization.testing.OAuthClient;
import io.amagasa.authorization.testing.Pkce;
import io.amagasa.authorization.testing.TestServer;
import io.amagasa.server.AmagasaServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code amagasa.auth.mode=embedded}, the default, end to end: an MCP client discovers the embedded
 * authorization server from the endpoint's 401, gets a token with PKCE through sign-in and consent, and calls
 * the endpoint with it; tokens for another resource are refused. The state is in an H2 file database under a
 * temporary {@code amagasa.data-dir}.
 */
class EmbeddedModeTest {

	static final String PASSWORD = "correct-horse-battery";

	static final String OTHER_RESOURCE = "https://other.example/mcp";

	@TempDir
	static Path dataDir;

	static TestServer server;

	@BeforeAll
	static void start() {
		server = TestServer.start(AmagasaServer.class, port -> {
			Map<String, Object> settings = new HashMap<>();
			settings.put("amagasa.data-dir", dataDir.toString());
			settings.put("amagasa.authorization-server.users.admin-username", "alice");
			settings.put("amagasa.authorization-server.users.admin-password", PASSWORD);
			settings.put("amagasa.authorization-server.resources[0].uri", "http://localhost:" + port + "/mcp");
			settings.put("amagasa.authorization-server.resources[0].scopes", "weather.read,weather.alerts,weather.forecast");
			settings.put("amagasa.authorization-server.resources[1].uri", OTHER_RESOURCE);
			settings.put("amagasa.authorization-server.resources[1].scopes", "other.read");
			settings.put("amagasa.authorization-server.registered-clients[0].client-id", "cli");
			settings.put("amagasa.authorization-server.registered-clients[0].redirect-uris", "http://127.0.0.1/callback");
			return settings;
		});
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	static OAuthClient cli() {
		return OAuthClient.publicClient(server.baseUrl(), "cli", "http://127.0.0.1:7100/callback");
	}

	static BrowserLogin browser() {
		return new BrowserLogin(server.baseUrl(), "alice", PASSWORD);
	}

	@Test
	void clientDiscoversTheEmbeddedServerAndCallsTheEndpoint() {
		HttpResponse<String> unauthenticated = McpRequests.initialize(server.baseUrl(), null);
		assertThat(unauthenticated.statusCode()).isEqualTo(401);
		String challenge = unauthenticated.headers().firstValue("WWW-Authenticate").orElseThrow();
		String metadataUrl = challenge.replaceAll(".*resource_metadata=\"([^\"]+)\".*", "$1");

		Map<String, Object> resourceMetadata = Http.json(Http.get(metadataUrl));
		String resource = (String) resourceMetadata.get("resource");
		assertThat(resource).isEqualTo(server.baseUrl() + "/mcp");
		@SuppressWarnings("unchecked")
		List<String> authorizationServers = (List<String>) resourceMetadata.get("authorization_servers");
		String issuer = authorizationServers.get(0);
		assertThat(issuer).isEqualTo(server.baseUrl());

		Map<String, Object> asMetadata = Http.json(Http.get(issuer + "/.well-known/oauth-authorization-server"));
		assertThat(asMetadata.get("issuer")).isEqualTo(issuer);
		assertThat(asMetadata.get("code_challenge_methods_supported")).isEqualTo(List.of("S256"));

		Map<String, Object> tokens = Flows.tokens(browser(), cli(), Map.of("resource", resource, "scope", "weather.read"));
		HttpResponse<String> initialized = McpRequests.initialize(server.baseUrl(), (String) tokens.get("access_token"));
		assertThat(initialized.statusCode()).as(initialized.body()).isEqualTo(200);
		String session = initialized.headers().firstValue("Mcp-Session-Id").orElseThrow();
		HttpResponse<String> tools = McpRequests.toolsList(server.baseUrl(), (String) tokens.get("access_token"),
				session);
		assertThat(tools.statusCode()).isEqualTo(200);
		assertThat(tools.body()).contains("get_alerts").contains("get_forecast");
	}

	/** The conformance scenario: no scope and no resource; the token is for the MCP endpoint. */
	@Test
	void tokenWithoutScopeOrResourceIsForTheMcpEndpoint() {
		Map<String, Object> tokens = Flows.tokens(browser(), cli(), Map.of());
		HttpResponse<String> initialized = McpRequests.initialize(server.baseUrl(), (String) tokens.get("access_token"));
		assertThat(initialized.statusCode()).as(initialized.body()).isEqualTo(200);
	}

	@Test
	void tokenForAnotherResourceIsRefused() {
		Map<String, Object> tokens = Flows.tokens(browser(), cli(),
				Map.of("resource", OTHER_RESOURCE, "scope", "other.read"));
		HttpResponse<String> refused = McpRequests.initialize(server.baseUrl(), (String) tokens.get("access_token"));
		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(refused.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("invalid_token");
	}

	@Test
	void refreshedTokensWorkAtTheEndpoint() {
		Map<String, Object> tokens = Flows.tokens(browser(), cli(), Map.of());
		HttpResponse<String> refreshed = cli().refresh((String) tokens.get("refresh_token"), Map.of());
		assertThat(refreshed.statusCode()).isEqualTo(200);
		String accessToken = (String) Http.json(refreshed).get("access_token");
		assertThat(McpRequests.initialize(server.baseUrl(), accessToken).statusCode()).isEqualTo(200);
	}

	@Test
	void authorizationErrorsCarryIss() {
		Map<String, String> request = cli().authorizationRequest(Pkce.generate());
		request.put("resource", "https://unknown.example/mcp");
		BrowserLogin.Outcome outcome = browser().authorize(cli().authorizationUrl(request));
		assertThat(outcome.parameter("error")).isEqualTo("invalid_target");
		assertThat(outcome.parameter("iss")).isEqualTo(server.baseUrl());
	}

	/** The authorization server's chains take their own paths only; the MCP chain still refuses the rest. */
	@Test
	void theAuthorizationServerChainsKeepToTheirPaths() {
		assertThat(Http.get(server.baseUrl() + "/oauth2/jwks").statusCode()).isEqualTo(200);
		assertThat(Http.get(server.baseUrl() + "/account").statusCode()).isEqualTo(302);
		assertThat(Http.get(server.baseUrl() + "/anything-else").statusCode()).isIn(401, 403);
		assertThat(Http.get(server.baseUrl() + "/oauth2/token").statusCode()).isBetween(400, 499);
	}

}
