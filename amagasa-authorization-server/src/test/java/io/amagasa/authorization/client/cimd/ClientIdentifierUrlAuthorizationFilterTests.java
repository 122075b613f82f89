package io.amagasa.authorization.client.cimd;

import java.time.Clock;

import com.github.benmanes.caffeine.cache.Ticker;
import com.github.tomakehurst.wiremock.WireMockServer;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabase;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/** A refused metadata document ends the authorization request on an error page, never a redirect (AS-32). */
class ClientIdentifierUrlAuthorizationFilterTests {

	WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

	MetadataDocumentFetcher fetcher;

	EmbeddedDatabase database;

	InMemoryRegisteredClientRepository stored = new InMemoryRegisteredClientRepository(RegisteredClient
		.withId("pre-registered-url")
		.clientId("https://onboarded.example.com/client.json")
		.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
		.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
		.redirectUri("https://onboarded.example.com/cb")
		.build());

	ClientIdentifierUrlAuthorizationFilter filter;

	@BeforeEach
	void start() {
		this.server.start();
		this.fetcher = CimdFixtures.fetcher(CimdFixtures.properties(true), SystemDefaultDnsResolver.INSTANCE);
		this.database = new EmbeddedDatabaseBuilder().setType(EmbeddedDatabaseType.H2)
			.generateUniqueName(true)
			.addScript("db/amagasa/V10__client_id_metadata_documents.sql")
			.build();
		CimdRegisteredClientRepository clients = new CimdRegisteredClientRepository(this.stored,
				new ClientIdMetadataDocumentResolver(CimdFixtures.properties(true), this.fetcher, CimdFixtures.SCOPES,
						CimdFixtures.defaults(), Ticker.systemTicker()),
				new MetadataDocumentClientIds(new JdbcTemplate(this.database),
						new DataSourceTransactionManager(this.database), Clock.systemUTC()));
		this.filter = new ClientIdentifierUrlAuthorizationFilter(
				PathPatternRequestMatcher.withDefaults().matcher("/oauth2/authorize"), clients);
	}

	@AfterEach
	void stop() {
		this.fetcher.close();
		this.database.shutdown();
		this.server.stop();
	}

	MockHttpServletResponse authorize(String clientId, MockFilterChain chain) throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/oauth2/authorize");
		request.setParameter("client_id", clientId);
		request.setParameter("redirect_uri", "https://attacker.example/cb");
		request.setParameter("response_type", "code");
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.filter.doFilter(request, response, chain);
		return response;
	}

	@Test
	@DisplayName("AS-32: a refused document gives a 400 page naming the client id and the reason, with no redirect")
	void refusedDocumentPage() throws Exception {
		String clientId = "http://127.0.0.1:" + this.server.port() + "/client.json";
		this.server.stubFor(get("/client.json").willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody(CimdFixtures.document("https://evil.example/<script>"))));
		MockFilterChain chain = new MockFilterChain();
		MockHttpServletResponse response = authorize(clientId, chain);
		assertThat(chain.getRequest()).as("the authorization endpoint was not reached").isNull();
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(response.getHeader("Location")).isNull();
		assertThat(response.getContentType()).isEqualTo("text/html;charset=UTF-8");
		assertThat(response.getHeader("Cache-Control")).isEqualTo("no-store");
		assertThat(response.getContentAsString())
			.contains("<code>" + clientId + "</code>")
			.contains("the document&#39;s client_id does not match the URL it was fetched from")
			.doesNotContain("<script>")
			.doesNotContain("attacker.example");
	}

	@Test
	@DisplayName("An unusable client id URL is refused the same way, without a fetch")
	void refusedUrl() throws Exception {
		MockHttpServletResponse response = authorize("https://client.example.com/c#fragment", new MockFilterChain());
		assertThat(response.getStatus()).isEqualTo(400);
		assertThat(response.getContentAsString()).contains("the client_id URL must not contain a fragment");
	}

	@Test
	@DisplayName("A resolved client, a client id that is not a URL and a pre-registered URL continue to the endpoint")
	void passesThrough() throws Exception {
		String clientId = "http://127.0.0.1:" + this.server.port() + "/client.json";
		this.server.stubFor(get("/client.json").willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody(CimdFixtures.document(clientId))));
		MockFilterChain resolved = new MockFilterChain();
		assertThat(authorize(clientId, resolved).getStatus()).isEqualTo(200);
		assertThat(resolved.getRequest()).isNotNull();
		MockFilterChain registered = new MockFilterChain();
		authorize("dcr_abc", registered);
		assertThat(registered.getRequest()).isNotNull();
		MockFilterChain preRegisteredUrl = new MockFilterChain();
		authorize("https://onboarded.example.com/client.json", preRegisteredUrl);
		assertThat(preRegisteredUrl.getRequest()).as("pre-registered under its URL: nothing fetched").isNotNull();
	}

}
