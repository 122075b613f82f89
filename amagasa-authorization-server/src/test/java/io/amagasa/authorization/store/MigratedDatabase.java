package io.amagasa.authorization.store;

import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;

import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/** The store's tests' fixtures: a database migrated as the application migrates it, and a public client. */
final class MigratedDatabase {

	private MigratedDatabase() {
	}

	/** A fresh in-memory H2 database with every migration applied. */
	static DataSource h2() {
		return migrated(new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
	}

	static DataSource migrated(DataSource dataSource) {
		Flyway.configure().dataSource(dataSource).locations("classpath:db/amagasa").load().migrate();
		return dataSource;
	}

	/** A public client (PKCE, no secret) that may use the code and refresh-token grants. */
	static RegisteredClient publicClient(String clientId) {
		return RegisteredClient.withId(UUID.randomUUID().toString())
			.clientId(clientId)
			.clientName(clientId)
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
			.redirectUri("http://127.0.0.1/callback")
			.build();
	}

}
