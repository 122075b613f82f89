package io.amagasa.server.security;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code entra} mode end to end: v1 and v2 tokens shaped like the claim sets in Microsoft's access-token
 * reference, signed by a test key published as an Entra-shaped discovery document and JWKS on loopback
 * ({@code amagasa.auth.entra.authority-base} points there), through the running server.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
class EntraModeTest {

	static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";

	static final String API = "6e74172b-be56-4843-9ff4-e66a39bb12e3";

	static final String VS_CODE = "aebc6443-996d-45c2-90f0-388ff96faa56";

	static final TestIssuer ENTRA = TestIssuer.start();

	static final int PORT = freePort();

	static final String BASE = "http://localhost:" + PORT;

	static final String METADATA = BASE + "/.well-known/oauth-protected-resource/mcp";

	static final HttpClient HTTP = HttpClient.newHttpClient();

	static {
		String v2Issuer = ENTRA.origin() + "/" + TENANT + "/v2.0";
		ENTRA.serveJson("/" + TENANT + "/v2.0/.well-known/openid-configuration", "{\"issuer\":\"" + v2Issuer + "\",\"jwks_uri\":\"" + ENTRA.origin() + "/" + TENANT + "/discovery/v2.0/keys\","
				+ "\"authorization_endpoint\":\"" + v2Issuer + "/oauth2/v2.0/authorize\"}");
		ENTRA.serveJwksAt("/" + TENANT + "/discovery/v2.0/keys");
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
		registry.add("amagasa.public-base-url", () -> BASE);
		registry.add("amagasa.auth.mode", () -> "entra");
		registry.add("amagasa.auth.entra.tenant-id", () -> TENANT);
		registry.add("amagasa.auth.entra.client-id", () -> API);
		registry.add("amagasa.auth.entra.allowed-client-applications", () -> VS_CODE);
		registry.add("amagasa.auth.entra.authority-base", ENTRA::origin);
	}

	@AfterAll
	static void stop() {
		ENTRA.close();
	}

	/** A v2.0 access token as Entra issues it for a delegated scope (access-token-claims-reference). */
	static TestIssuer.Token v2() {
		return ENTRA.token(API).type("JWT").claims(c -> c.issuer(ENTRA.origin() + "/" + TENANT + "/v2.0")
			.claim("client_id", null)
			.claim("scope", null)
			.claim("ver", "2.0")
			.claim("tid", TENANT)
			.claim("azp", VS_CODE)
			.claim("azpacr", "0")
			.claim("oid", "00000000-0000-0000-66f3-3332eca7ea81")
			.claim("scp", "weather.read")
			.claim("preferred_username", "alice@contoso.example"));
	}

	/** A v1.0 access token: sts.windows.net issuer, api:// audience, appid. */
	static TestIssuer.Token v1() {
		return ENTRA.token("api://" + API).type("JWT").claims(c -> c.issuer("https://sts.windows.net/" + TENANT + "/")
			.claim("client_id", null)
			.claim("scope", null)
			.claim("ver", "1.0")
			.claim("tid", TENANT)
			.claim("appid", VS_CODE)
			.claim("appidacr", "0")
			.claim("scp", "weather.read")
			.claim("unique_name", "alice@contoso.example"));
	}

	@Test
	void v2TokenFromAnAllowedClientIsAccepted() throws Exception {
		assertThat(initialize(v2().sign()).statusCode()).isEqualTo(200);
	}

	@Test
	void v1TokenIsAccepted() throws Exception {
		HttpResponse<String> response = initialize(v1().sign());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	@Test
	void clientApplicationNotAllowedIsForbidden() throws Exception {
		HttpResponse<String> response = initialize(v2().claims(c -> c.claim("azp", "04b07795-8ddb-461a-bbee-02f9e1bf7b46")).sign());
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).contains("access_denied").contains("04b07795-8ddb-461a-bbee-02f9e1bf7b46");
	}

	@Test
	void graphTokenWithNonceHeaderIsRefused() throws Exception {
		HttpResponse<String> response = initialize(v2().headers(h -> h.customParam("nonce", "abc123")).claims(c -> c.audience("00000003-0000-0000-c000-000000000000")).sign());
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
			.startsWith("Bearer error=\"invalid_token\", scope=\"api://" + API + "/weather.read\"");
	}

	@Test
	void shortScopeNamesAreQualifiedWithTheApplicationIdUri() throws Exception {
		HttpResponse<String> response = initialize(null);
		assertThat(response.headers().firstValue("WWW-Authenticate"))
			.hasValue("Bearer resource_metadata=\"" + METADATA + "\", scope=\"api://" + API + "/weather.read\"");
		HttpResponse<String> metadata = HTTP.send(HttpRequest.newBuilder(URI.create(METADATA)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(metadata.body()).contains("\"authorization_servers\":[\"" + ENTRA.origin() + "/" + TENANT + "/v2.0\"]")
			.contains("\"api://" + API + "/weather.read\"");
	}

	@Test
	void stepUpNamesTheQualifiedScope() throws Exception {
		String token = v2().claims(c -> c.claim("scp", "weather.forecast")).sign();
		HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(BASE + "/mcp"))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json, text/event-stream")
			.header("Authorization", "Bearer " + token)
			.POST(HttpRequest.BodyPublishers.ofString(
					"{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"get_alerts\",\"arguments\":{\"state\":\"CA\"}}}"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow())
			.startsWith("Bearer error=\"insufficient_scope\", scope=\"api://" + API + "/weather.alerts\"");
	}

	private static HttpResponse<String> initialize(String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(BASE + "/mcp"))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json, text/event-stream")
			.POST(HttpRequest.BodyPublishers.ofString(TokenCasesTest.initializeBody()));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}


}
