package io.amagasa.authorization.client;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.amagasa.authorization.testing.BrowserLogin;
import io.amagasa.authorization.testing.Flows;
import io.amagasa.authorization.testing.Http;
import io.amagasa.authorization.testing.OAuthClient;
import io.amagasa.authorization.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seam with the core, end to end: the embedded authorization server as its auto-configuration builds
 * it, plus {@link ClientIdentificationConfiguration}. A client known only by its metadata document, and a
 * client that registered itself a moment before, each go through sign-in, consent, the code exchange and
 * a refresh; the token endpoint finds both clients again by their ids. Allowed scopes are left unset, so
 * both get the scopes of the configured resource plus {@code openid} and {@code offline_access}.
 */
class EmbeddedAuthorizationServerFlowTests {

	static final String USER = "alice";

	static final String PASSWORD = "correct-horse-battery";

	static final String CALLBACK = "http://127.0.0.1:43123/callback";

	static WireMockServer documents = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

	static TestServer server;

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(ClientIdentificationConfiguration.class)
	static class Application {

	}

	@BeforeAll
	static void start() {
		documents.start();
		server = TestServer.start(Application.class, port -> {
			Map<String, Object> settings = new LinkedHashMap<>();
			settings.put("spring.datasource.url", "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
			settings.put("amagasa.authorization-server.users.admin-username", USER);
			settings.put("amagasa.authorization-server.users.admin-password", PASSWORD);
			settings.put("amagasa.authorization-server.resources[0].uri", "http://localhost:" + port + "/mcp");
			settings.put("amagasa.authorization-server.resources[0].scopes", "weather.read");
			settings.put("amagasa.authorization-server.clients.cimd.allow-loopback", "true");
			return settings;
		});
	}

	@AfterAll
	static void stop() {
		server.close();
		documents.stop();
	}

	static void flow(String clientId) {
		BrowserLogin browser = new BrowserLogin(server.baseUrl(), USER, PASSWORD);
		OAuthClient client = OAuthClient.publicClient(server.baseUrl(), clientId, CALLBACK);
		Map<String, Object> tokens = Flows.tokens(browser, client, Map.of("scope", "weather.read offline_access"));
		assertThat(Flows.verified(server.baseUrl(), (String) tokens.get("access_token")).getPayload().toJSONObject())
			.containsEntry("client_id", clientId);
		HttpResponse<String> refreshed = client.refresh((String) tokens.get("refresh_token"), Map.of());
		assertThat(refreshed.statusCode()).as(refreshed.body()).isEqualTo(200);
	}

	@Test
	@DisplayName("AS-15, AS-17: a metadata-document client signs in, exchanges its code and refreshes")
	void metadataDocumentClient() {
		String clientId = "http://127.0.0.1:" + documents.port() + "/client.json";
		documents.stubFor(get("/client.json").willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("""
					{"client_id": "%s", "client_name": "Document client", "redirect_uris": ["http://127.0.0.1/callback"],
					 "scope": "weather.read offline_access"}
					""".formatted(clientId))));
		flow(clientId);
	}

	@Test
	@DisplayName("AS-27: a client registered over open DCR signs in, exchanges its code and refreshes")
	void dynamicallyRegisteredClient() {
		HttpResponse<String> registered = Http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/oauth2/register"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("""
					{"client_name": "Desktop client", "application_type": "native", "redirect_uris": ["http://127.0.0.1/callback"],
					 "token_endpoint_auth_method": "none", "grant_types": ["authorization_code", "refresh_token"]}
					"""))
			.build());
		assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
		flow((String) Http.json(registered).get("client_id"));
	}

	@Test
	@DisplayName("AS-16: the server metadata advertises metadata documents and the registration endpoint")
	void metadata() {
		Map<String, Object> metadata = Http.json(Http.get(server.baseUrl() + "/.well-known/oauth-authorization-server"));
		assertThat(metadata).containsEntry("client_id_metadata_document_supported", true)
			.containsEntry("registration_endpoint", server.baseUrl() + "/oauth2/register");
	}

}
