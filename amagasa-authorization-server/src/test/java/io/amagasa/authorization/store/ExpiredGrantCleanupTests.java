package io.amagasa.authorization.store;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;

import javax.sql.DataSource;

import io.amagasa.authorization.testing.PostgresSchema;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the periodic cleanup deletes and what it keeps, on H2 and on PostgreSQL: expired grants go, live
 * ones stay, and an authorization waiting for consent stays for an hour and then goes (created_at, V21).
 */
class ExpiredGrantCleanupTests {

	private static final Instant NOW = Instant.now();

	private final RegisteredClient client = MigratedDatabase.publicClient("cli");

	@Test
	void onH2() {
		cleanup(MigratedDatabase.h2());
	}

	@Test
	void onPostgresql() throws Exception {
		try (PostgresSchema schema = PostgresSchema.create()) {
			DriverManagerDataSource dataSource = new DriverManagerDataSource(
					(String) schema.settings().get("spring.datasource.url"), "postgres", "");
			cleanup(MigratedDatabase.migrated(dataSource));
		}
	}

	private void cleanup(DataSource dataSource) {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		JdbcRegisteredClientRepository clients = new JdbcRegisteredClientRepository(jdbc);
		clients.save(this.client);
		JdbcOAuth2AuthorizationService authorizations = new JdbcOAuth2AuthorizationService(jdbc, clients);
		RedemptionLedger ledger = new RedemptionLedger(jdbc);

		String expired = save(authorizations, builder -> builder
			.token(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "a1", NOW.minusSeconds(7200),
					NOW.minusSeconds(6900)))
			.refreshToken(new OAuth2RefreshToken("r1", NOW.minusSeconds(7200), NOW.minusSeconds(60))));
		String refreshable = save(authorizations, builder -> builder
			.token(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "a2", NOW.minusSeconds(7200),
					NOW.minusSeconds(6900)))
			.refreshToken(new OAuth2RefreshToken("r2", NOW.minusSeconds(7200), NOW.plusSeconds(3600))));
		String unexchangedCode = save(authorizations, builder -> builder
			.token(new OAuth2AuthorizationCode("c1", NOW.minusSeconds(30), NOW.plusSeconds(270))));
		String pending = save(authorizations, builder -> builder.attribute(OAuth2ParameterNames.STATE, "s1"));
		String abandoned = save(authorizations, builder -> builder.attribute(OAuth2ParameterNames.STATE, "s2"));
		String consentedLongAgo = save(authorizations, builder -> builder
			.token(new OAuth2AuthorizationCode("c2", NOW.minusSeconds(30), NOW.plusSeconds(270))));
		// written before the lifetime began, by the database's own clock
		Timestamp longAgo = Timestamp.from(NOW.minus(ExpiredGrantCleanup.PENDING_CONSENT_LIFETIME).minusSeconds(60));
		jdbc.update("UPDATE oauth2_authorization SET created_at = ? WHERE id IN (?, ?)", longAgo, abandoned,
				consentedLongAgo);
		// a young pending consent counts from its insertion, which the database stamped just now
		assertThat(jdbc.queryForObject("SELECT created_at FROM oauth2_authorization WHERE id = ?", Timestamp.class,
				pending)
			.toInstant()).isBetween(NOW.minus(Duration.ofMinutes(5)), Instant.now().plus(Duration.ofMinutes(5)));

		new ExpiredGrantCleanup(jdbc, ledger, Clock.fixed(NOW, Clock.systemUTC().getZone())).run();

		assertThat(jdbc.queryForList("SELECT id FROM oauth2_authorization", String.class))
			.containsExactlyInAnyOrder(refreshable, unexchangedCode, pending, consentedLongAgo)
			.doesNotContain(expired, abandoned);
		// Spring's own reads are untouched by the extra column
		assertThat(authorizations.findById(pending).<String>getAttribute(OAuth2ParameterNames.STATE)).isEqualTo("s1");
		assertThat(authorizations.findByToken("r2", null).getId()).isEqualTo(refreshable);
	}

	private String save(JdbcOAuth2AuthorizationService authorizations, Consumer<OAuth2Authorization.Builder> tokens) {
		OAuth2Authorization.Builder builder = OAuth2Authorization.withRegisteredClient(this.client)
			.id(UUID.randomUUID().toString())
			.principalName("alice")
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE);
		tokens.accept(builder);
		OAuth2Authorization authorization = builder.build();
		authorizations.save(authorization);
		return authorization.getId();
	}

}
