package io.amagasa.authorization.client;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dynamic Client Registration over real HTTP (RFC 7591; AS-27, AS-28, AS-30): Spring Authorization
 * Server's endpoint with our policy, client ids, scopes and rate limit. Each test registers from its own
 * client address (X-Forwarded-For), so that the rate limit of one does not touch another.
 */
@SpringBootTest(classes = ClientIdentificationTestServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "amagasa.authorization-server.clients.registration.rate-limit.requests=3",
				"amagasa.authorization-server.clients.registration.allowed-scopes=mcp:tools,offline_access" })
class DynamicClientRegistrationEndpointTests {

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	HttpResponse<String> register(String clientAddress, String json) {
		return TestHttp.register(this.port, clientAddress, json);
	}

	static void assertError(HttpResponse<String> response, int status, String error, String description) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				contentType -> assertThat(contentType).startsWith("application/json"));
		JsonNode body = TestHttp.json(response);
		assertThat(body.get("error").stringValue()).isEqualTo(error);
		assertThat(body.get("error_description").stringValue()).isEqualTo(description);
	}

	@Test
	@DisplayName("AS-27, AS-28: an open native registration gets a generated client id that never starts with https://")
	void nativeRegistration() {
		HttpResponse<String> response = register("192.0.2.1", """
				{"client_name": "Desktop MCP client", "application_type": "native",
				 "redirect_uris": ["http://127.0.0.1/callback", "http://localhost:53682/callback"],
				 "token_endpoint_auth_method": "none", "grant_types": ["authorization_code", "refresh_token"],
				 "response_types": ["code"], "scope": "mcp:tools admin"}
				""");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		JsonNode client = TestHttp.json(response);
		String clientId = client.get("client_id").stringValue();
		assertThat(clientId).matches("dcr_[A-Za-z0-9_-]{43}").doesNotStartWith("https://");
		assertThat(client.get("token_endpoint_auth_method").stringValue()).isEqualTo("none");
		assertThat(client.has("client_secret")).isFalse();
		assertThat(client.get("scope").stringValue()).as("narrowed to the allowed scopes").isEqualTo("mcp:tools");
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM oauth2_registered_client WHERE client_id = ?",
				Integer.class, clientId)).isEqualTo(1);
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM amagasa_dynamic_client d "
				+ "JOIN oauth2_registered_client r ON r.id = d.registered_client_id WHERE r.client_id = ?", Integer.class,
				clientId)).isEqualTo(1);
	}

	@Test
	@DisplayName("Confidential clients get a secret (client_secret_basic, the RFC 7591 default); web clients use https")
	void confidentialWebRegistration() {
		HttpResponse<String> response = register("192.0.2.2", """
				{"client_name": "Hosted agent", "application_type": "web",
				 "redirect_uris": ["https://agent.example.com/oauth/callback"]}
				""");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		JsonNode client = TestHttp.json(response);
		assertThat(client.get("token_endpoint_auth_method").stringValue()).isEqualTo("client_secret_basic");
		assertThat(client.get("client_secret").stringValue()).hasSizeGreaterThan(40);
		assertThat(client.get("client_secret_expires_at").asLong()).isZero();
		assertThat(client.get("scope").stringValue().split(" ")).as("none requested: every allowed scope")
			.containsExactlyInAnyOrder("mcp:tools", "offline_access");
	}

	@Test
	@DisplayName("AS-28: a web client may not register a loopback redirect URI (invalid_redirect_uri, RFC 7591 §3.2.2)")
	void webLoopbackRefused() {
		assertError(register("192.0.2.3", """
				{"client_name": "x", "application_type": "web", "redirect_uris": ["http://localhost:3000/callback"]}
				"""), 400, "invalid_redirect_uri",
				"redirect_uri 'http://localhost:3000/callback' is not allowed for a web client, which must use https on "
						+ "a host other than localhost (register loopback redirect URIs with application_type native)");
	}

	@Test
	@DisplayName("Only none, client_secret_basic and client_secret_post; no implicit or password grants")
	void unsupportedMetadataRefused() {
		assertError(register("192.0.2.4", """
				{"client_name": "x", "application_type": "native", "redirect_uris": ["http://127.0.0.1/cb"],
				 "token_endpoint_auth_method": "private_key_jwt", "jwks_uri": "https://x.example/jwks"}
				"""), 400, "invalid_client_metadata",
				"token_endpoint_auth_method must be none, client_secret_basic or client_secret_post");
		assertError(register("192.0.2.4", """
				{"client_name": "x", "application_type": "native", "redirect_uris": ["http://127.0.0.1/cb"],
				 "grant_types": ["implicit"], "response_types": ["token"]}
				"""), 400, "invalid_client_metadata", "grant_types may contain only authorization_code and refresh_token");
		assertError(register("192.0.2.4", """
				{"client_name": "x", "application_type": "native", "redirect_uris": ["http://127.0.0.1/cb"],
				 "grant_types": ["password"]}
				"""), 400, "invalid_client_metadata", "grant_types may contain only authorization_code and refresh_token");
	}

	@Test
	@DisplayName("AS-27: registrations are rate limited per client address: 429 with Retry-After and a JSON error")
	void rateLimited() {
		String registration = """
				{"client_name": "x", "application_type": "native", "redirect_uris": ["http://127.0.0.1/cb"]}
				""";
		for (int i = 0; i < 3; i++) {
			assertThat(register("198.51.100.9", registration).statusCode()).isEqualTo(201);
		}
		HttpResponse<String> limited = register("198.51.100.9", registration);
		assertError(limited, 429, "too_many_requests",
				"Too many client registrations from this address; retry after 20 seconds");
		assertThat(limited.headers().firstValue("Retry-After")).hasValue("20");
		assertThat(limited.headers().firstValue("Cache-Control")).hasValue("no-store");
		assertThat(register("198.51.100.10", registration).statusCode()).as("another address").isEqualTo(201);
	}

	@Test
	@DisplayName("The server metadata names the registration endpoint")
	void registrationEndpointPublished() {
		HttpResponse<String> metadata = TestHttp.get(this.port, "/.well-known/oauth-authorization-server");
		assertThat(metadata.statusCode()).isEqualTo(200);
		assertThat(TestHttp.json(metadata).get("registration_endpoint").stringValue())
			.isEqualTo("http://127.0.0.1:" + this.port + "/oauth2/register");
	}

}
