package io.amagasa.authorization.client.registration;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.amagasa.authorization.client.MigratedPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The registration book on PostgreSQL 15, migrated with every module's migrations; two instances clean up at once. */
class DynamicClientRegistryPostgresTests {

	MigratedPostgres database;

	JdbcTemplate jdbc;

	MutableClock clock = new MutableClock();

	@BeforeEach
	void migrate() {
		this.database = MigratedPostgres.create();
		this.jdbc = this.database.jdbc();
	}

	@AfterEach
	void drop() throws Exception {
		this.database.close();
	}

	DynamicClientRegistry instance() {
		return new DynamicClientRegistry(new JdbcRegisteredClientRepository(this.jdbc), this.jdbc,
				this.database.transactions(), this.clock);
	}

	RegisteredClient register(DynamicClientRegistry registry) {
		RegisteredClient client = RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(DynamicClientId.generate())
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("http://127.0.0.1/cb")
			.build();
		registry.register(client);
		return client;
	}

	@Test
	@DisplayName("Register, count, and delete the unused registrations from two instances at once, each exactly once")
	void concurrentCleanUp() throws Exception {
		DynamicClientRegistry registry = instance();
		for (int i = 0; i < 20; i++) {
			register(registry);
		}
		RegisteredClient used = register(registry);
		this.jdbc.update("INSERT INTO oauth2_authorization (id, registered_client_id, principal_name, authorization_grant_type) "
				+ "VALUES (?, ?, 'alice', 'authorization_code')", UUID.randomUUID().toString(), used.getId());
		assertThat(registry.count()).isEqualTo(21);
		this.clock.advance(Duration.ofDays(2));
		DynamicClientRegistry one = instance();
		DynamicClientRegistry two = instance();
		ExecutorService instances = Executors.newFixedThreadPool(2);
		try {
			List<Future<Integer>> deleted = instances.invokeAll(List.<Callable<Integer>>of(
					() -> one.deleteUnused(Duration.ofHours(24)), () -> two.deleteUnused(Duration.ofHours(24))));
			assertThat(deleted.get(0).get() + deleted.get(1).get()).isEqualTo(20);
		}
		finally {
			instances.shutdownNow();
		}
		assertThat(registry.count()).isEqualTo(1);
		assertThat(this.jdbc.queryForObject("SELECT id FROM oauth2_registered_client", String.class))
			.isEqualTo(used.getId());
	}

}
