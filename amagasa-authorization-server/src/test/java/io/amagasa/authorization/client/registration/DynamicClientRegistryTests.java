package io.amagasa.authorization.client.registration;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabase;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Registration records, the cap count and the clean-up of registrations never used (AS-27), against
 * Spring Authorization Server's JDBC schema and Flyway V11 on H2, with a clock the test moves.
 */
class DynamicClientRegistryTests {

	static final Duration LIFETIME = Duration.ofHours(24);

	EmbeddedDatabase database;

	JdbcTemplate jdbc;

	JdbcRegisteredClientRepository clients;

	MutableClock clock = new MutableClock();

	DynamicClientRegistry registry;

	@BeforeEach
	void start() {
		this.database = SasSchema.database();
		this.jdbc = new JdbcTemplate(this.database);
		this.clients = new JdbcRegisteredClientRepository(this.jdbc);
		this.registry = registry();
	}

	@AfterEach
	void stop() {
		this.database.shutdown();
	}

	DynamicClientRegistry registry() {
		return new DynamicClientRegistry(this.clients, this.jdbc, new DataSourceTransactionManager(this.database),
				this.clock);
	}

	RegisteredClient register() {
		RegisteredClient client = RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(DynamicClientId.generate())
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("http://127.0.0.1/cb")
			.build();
		this.registry.register(client);
		return client;
	}

	void authorize(RegisteredClient client) {
		this.jdbc.update("INSERT INTO oauth2_authorization (id, registered_client_id, principal_name, authorization_grant_type) "
				+ "VALUES (?, ?, 'alice', 'authorization_code')", UUID.randomUUID().toString(), client.getId());
	}

	boolean exists(RegisteredClient client) {
		return this.clients.findById(client.getId()) != null;
	}

	@Test
	@DisplayName("A registration saves the client and its record together; the cap counts records")
	void registerAndCount() {
		RegisteredClient client = register();
		register();
		assertThat(this.clients.findByClientId(client.getClientId())).isNotNull();
		assertThat(this.registry.count()).isEqualTo(2);
	}

	@Test
	@DisplayName("AS-27: registrations never used are deleted after the lifetime; younger ones stay")
	void unusedDeleted() {
		RegisteredClient old = register();
		this.clock.advance(Duration.ofHours(23));
		RegisteredClient young = register();
		this.clock.advance(Duration.ofHours(2));
		assertThat(this.registry.deleteUnused(LIFETIME)).isEqualTo(1);
		assertThat(exists(old)).isFalse();
		assertThat(exists(young)).isTrue();
		assertThat(this.registry.count()).isEqualTo(1);
	}

	@Test
	@DisplayName("A client with an authorization or a consent is used and stays, even after its authorizations are purged")
	void usedClientsStay() {
		RegisteredClient authorized = register();
		RegisteredClient consented = register();
		authorize(authorized);
		this.jdbc.update("INSERT INTO oauth2_authorization_consent (registered_client_id, principal_name, authorities) "
				+ "VALUES (?, 'alice', 'SCOPE_mcp:tools')", consented.getId());
		this.clock.advance(Duration.ofHours(1));
		assertThat(this.registry.deleteUnused(LIFETIME)).isZero();

		this.jdbc.update("DELETE FROM oauth2_authorization");
		this.jdbc.update("DELETE FROM oauth2_authorization_consent");
		this.clock.advance(Duration.ofDays(30));
		assertThat(this.registry.deleteUnused(LIFETIME)).isZero();
		assertThat(exists(authorized)).isTrue();
		assertThat(exists(consented)).isTrue();
	}

	@Test
	@DisplayName("Pre-registered clients are never touched, and records of clients deleted elsewhere are forgotten")
	void onlyDynamicClients() {
		RegisteredClient preRegistered = RegisteredClient.withId("pre")
			.clientId("pre-registered")
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("https://app.example.com/cb")
			.build();
		this.clients.save(preRegistered);
		RegisteredClient removedByAdmin = register();
		authorize(removedByAdmin);
		this.clock.advance(Duration.ofHours(1));
		this.registry.deleteUnused(LIFETIME);
		this.jdbc.update("DELETE FROM oauth2_authorization");
		this.jdbc.update("DELETE FROM oauth2_registered_client WHERE id = ?", removedByAdmin.getId());
		this.clock.advance(Duration.ofDays(2));
		this.registry.deleteUnused(LIFETIME);
		assertThat(exists(preRegistered)).isTrue();
		assertThat(this.registry.count()).isZero();
	}

	@Test
	@DisplayName("Two instances cleaning up at the same time delete each unused client exactly once")
	void concurrentCleanUp() throws Exception {
		for (int i = 0; i < 50; i++) {
			register();
		}
		RegisteredClient used = register();
		authorize(used);
		this.clock.advance(Duration.ofDays(2));
		DynamicClientRegistry first = registry();
		DynamicClientRegistry second = registry();
		ExecutorService instances = Executors.newFixedThreadPool(2);
		try {
			List<Future<Integer>> deleted = instances.invokeAll(List.<Callable<Integer>>of(
					() -> first.deleteUnused(LIFETIME), () -> second.deleteUnused(LIFETIME)));
			assertThat(deleted.get(0).get() + deleted.get(1).get()).isEqualTo(50);
		}
		finally {
			instances.shutdownNow();
		}
		assertThat(this.registry.count()).isEqualTo(1);
		assertThat(exists(used)).isTrue();
	}

}
