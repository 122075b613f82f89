package io.amagasa.authorization.client.cimd;

import java.time.Clock;
import java.util.UUID;

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
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The repository decorator: URL-form ids resolve through their documents, others go to the wrapped
 * repository, and a metadata-document client has one id, found again by id on any instance.
 */
class CimdRegisteredClientRepositoryTests {

	WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

	EmbeddedDatabase database;

	MetadataDocumentFetcher fetcher;

	InMemoryRegisteredClientRepository jdbcStandIn;

	RegisteredClient preRegistered = RegisteredClient.withId(UUID.randomUUID().toString())
		.clientId("pre-registered")
		.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
		.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
		.redirectUri("https://app.example.com/cb")
		.build();

	String clientId;

	@BeforeEach
	void start() {
		this.server.start();
		this.clientId = "http://127.0.0.1:" + this.server.port() + "/client.json";
		this.server.stubFor(get("/client.json").willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody(CimdFixtures.document(this.clientId))));
		this.database = new EmbeddedDatabaseBuilder().setType(EmbeddedDatabaseType.H2)
			.generateUniqueName(true)
			.addScript("db/amagasa/V10__client_id_metadata_documents.sql")
			.build();
		this.fetcher = CimdFixtures.fetcher(CimdFixtures.properties(true), SystemDefaultDnsResolver.INSTANCE);
		this.jdbcStandIn = new InMemoryRegisteredClientRepository(this.preRegistered);
	}

	@AfterEach
	void stop() {
		this.fetcher.close();
		this.database.shutdown();
		this.server.stop();
	}

	/** A repository as one instance of the server would have it: its own resolver and cache, the shared database. */
	CimdRegisteredClientRepository instance() {
		ClientIdMetadataDocumentResolver resolver = new ClientIdMetadataDocumentResolver(CimdFixtures.properties(true),
				this.fetcher, CimdFixtures.SCOPES, CimdFixtures.defaults(), Ticker.systemTicker());
		return new CimdRegisteredClientRepository(this.jdbcStandIn, resolver, new MetadataDocumentClientIds(
				new JdbcTemplate(this.database), new DataSourceTransactionManager(this.database), Clock.systemUTC()));
	}

	@Test
	@DisplayName("AS-17: a URL-form client id is resolved through its metadata document")
	void urlIdResolved() {
		RegisteredClient client = instance().findByClientId(this.clientId);
		assertThat(client.getClientId()).isEqualTo(this.clientId);
		assertThat(client.getClientName()).isEqualTo("Example MCP Client");
	}

	@Test
	@DisplayName("Other client ids, and ids of stored clients, go to the wrapped repository")
	void otherIdsDelegated() {
		CimdRegisteredClientRepository repository = instance();
		assertThat(repository.findByClientId("pre-registered")).isSameAs(this.preRegistered);
		assertThat(repository.findById(this.preRegistered.getId())).isSameAs(this.preRegistered);
		assertThat(repository.findByClientId("unknown")).isNull();
	}

	@Test
	@DisplayName("The same RegisteredClient id on every lookup, by client id or by id, on this instance and another one")
	void sameIdEverywhere() {
		RegisteredClient first = instance().findByClientId(this.clientId);
		CimdRegisteredClientRepository sameInstance = instance();
		assertThat(sameInstance.findByClientId(this.clientId).getId()).isEqualTo(first.getId());
		CimdRegisteredClientRepository otherInstance = instance();
		RegisteredClient byId = otherInstance.findById(first.getId());
		assertThat(byId.getId()).isEqualTo(first.getId());
		assertThat(byId.getClientId()).isEqualTo(this.clientId);
		assertThat(new JdbcTemplate(this.database).queryForObject("SELECT COUNT(*) FROM amagasa_cimd_client", Integer.class))
			.isEqualTo(1);
	}

	@Test
	@DisplayName("A refused document or an unknown metadata-document id is an unknown client")
	void refusedIsUnknown() {
		this.server.stubFor(get("/client.json").willReturn(aResponse().withStatus(404)));
		CimdRegisteredClientRepository repository = instance();
		assertThat(repository.findByClientId(this.clientId)).isNull();
		assertThat(repository.findByClientId("https://client.example.com/c?query")).isNull();
		assertThat(repository.findById("cimd_unknown")).isNull();
	}

	@Test
	@DisplayName("CIMD §5.2: a pre-registered Client Identifier URL wins over the document, which is then not fetched")
	void preRegisteredUrlWins() {
		RegisteredClient preRegisteredUrl = RegisteredClient.from(this.preRegistered)
			.id(UUID.randomUUID().toString())
			.clientId(this.clientId)
			.clientName("Onboarded by an administrator")
			.build();
		CimdRegisteredClientRepository repository = instance();
		repository.save(preRegisteredUrl);
		assertThat(repository.findByClientId(this.clientId).getClientName()).isEqualTo("Onboarded by an administrator");
		assertThat(repository.findById(preRegisteredUrl.getId())).isSameAs(preRegisteredUrl);
		assertThat(this.server.getAllServeEvents()).isEmpty();
	}

	@Test
	@DisplayName("Registered client ids starting with cimd_ are reserved for metadata documents")
	void cimdIdsReserved() {
		RegisteredClient impostor = RegisteredClient.from(this.preRegistered).id("cimd_impostor").clientId("other").build();
		assertThatIllegalArgumentException().isThrownBy(() -> instance().save(impostor))
			.withMessage("Registered client ids starting with cimd_ are reserved for Client ID Metadata Documents; "
					+ "not saving client cimd_impostor");
	}

}
