package io.amagasa.authorization.client;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.amagasa.authorization.client.cimd.CimdRegisteredClientRepository;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Client ID Metadata Documents at the authorization endpoint, over real HTTP (AS-15..AS-23, AS-32), with
 * the development switch {@code allow-loopback} so that documents can be served from 127.0.0.1.
 */
@SpringBootTest(classes = ClientIdentificationTestServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "amagasa.authorization-server.clients.cimd.allow-loopback=true",
				"amagasa.authorization-server.clients.cimd.allowed-scopes=mcp:tools" })
class ClientIdMetadataDocumentAuthorizationTests {

	static WireMockServer documents = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

	@LocalServerPort
	int port;

	@Autowired
	RegisteredClientRepository clients;

	@BeforeAll
	static void start() {
		documents.start();
	}

	@AfterAll
	static void stop() {
		documents.stop();
	}

	static String serve(String path, String document) {
		String clientId = "http://127.0.0.1:" + documents.port() + path;
		documents.stubFor(get(path).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody(document.replace("{client_id}", clientId))));
		return clientId;
	}

	HttpResponse<String> authorize(String clientId, String redirectUri) {
		return TestHttp.get(this.port, "/oauth2/authorize?response_type=code&client_id=" + encode(clientId)
				+ "&redirect_uri=" + encode(redirectUri) + "&scope=mcp:tools&state=xyz"
				+ "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256");
	}

	static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

	@Test
	@DisplayName("AS-17: a client known only by its document gets to the login page; the repository bean is the decorator")
	void resolvedClientProceeds() {
		String clientId = serve("/good.json", """
				{"client_id": "{client_id}", "client_name": "Good client", "redirect_uris": ["http://127.0.0.1/callback"]}
				""");
		HttpResponse<String> response = authorize(clientId, "http://127.0.0.1:61234/callback");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
		assertThat(response.headers().firstValue("Location")).hasValueSatisfying(
				location -> assertThat(location).endsWith("/login"));
		assertThat(this.clients).isInstanceOf(CimdRegisteredClientRepository.class);
		RegisteredClient client = this.clients.findByClientId(clientId);
		assertThat(this.clients.findById(client.getId()).getClientId()).isEqualTo(clientId);
	}

	@Test
	@DisplayName("AS-32: a refused document ends the request on a 400 page naming the reason, never a redirect")
	void refusedDocumentPage() {
		String clientId = serve("/secret.json", """
				{"client_id": "{client_id}", "client_name": "Bad client", "redirect_uris": ["http://127.0.0.1/callback"],
				 "client_secret": "s3cret"}
				""");
		HttpResponse<String> response = authorize(clientId, "http://127.0.0.1/callback");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Location")).isEmpty();
		assertThat(response.body()).contains(clientId)
			.contains("the document contains client_secret; a metadata document cannot hold a shared secret");
	}

	@Test
	@DisplayName("AS-18: a client id URL with a query is refused on the same page, without fetching")
	void refusedUrl() {
		HttpResponse<String> response = authorize("https://client.example.com/c?v=1", "https://client.example.com/cb");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).contains("the client_id URL must not contain a query");
	}

	@Test
	@DisplayName("AS-21: a redirect URI the document does not list is refused by the endpoint without a redirect")
	void unlistedRedirectUri() {
		String clientId = serve("/listed.json", """
				{"client_id": "{client_id}", "client_name": "Listed", "redirect_uris": ["https://app.example.com/cb"]}
				""");
		HttpResponse<String> response = authorize(clientId, "https://attacker.example/cb");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Location")).isEmpty();
	}

}
