package io.amagasa.authorization.store;

import java.time.Instant;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A transaction that redeemed a grant reads its authorization once; everything else reads the database
 * (AS-13: the redemption, not a cached row, decides who may rotate).
 */
class RedeemedAuthorizationsTests {

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final RedeemedAuthorizations authorizations;

	private final RegisteredClient client = MigratedDatabase.publicClient("cli");

	RedeemedAuthorizationsTests() {
		DataSource dataSource = MigratedDatabase.h2();
		this.jdbc = new JdbcTemplate(dataSource);
		this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
		JdbcRegisteredClientRepository clients = new JdbcRegisteredClientRepository(this.jdbc);
		clients.save(this.client);
		this.authorizations = new RedeemedAuthorizations(this.jdbc, clients);
	}

	private OAuth2Authorization family(String refreshToken) {
		Instant now = Instant.now();
		return OAuth2Authorization.withRegisteredClient(this.client)
			.id(UUID.randomUUID().toString())
			.principalName("alice")
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.token(new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "access-" + refreshToken, now,
					now.plusSeconds(300)))
			.refreshToken(new OAuth2RefreshToken(refreshToken, now, now.plusSeconds(3600)))
			.build();
	}

	/** The family with its refresh token rotated to {@code refreshToken}. */
	private static OAuth2Authorization rotated(OAuth2Authorization family, String refreshToken) {
		return OAuth2Authorization.from(family)
			.refreshToken(new OAuth2RefreshToken(refreshToken, Instant.now(), Instant.now().plusSeconds(3600)))
			.build();
	}

	private int rows(String id) {
		return this.jdbc.queryForObject("SELECT COUNT(*) FROM oauth2_authorization WHERE id = ?", Integer.class, id);
	}

	@Test
	void withinTheRedeemingTransactionTheAuthorizationIsReadOnce() {
		OAuth2Authorization family = family("r1");
		this.authorizations.save(family);
		this.transactions.executeWithoutResult(status -> {
			RedeemedAuthorizations.redeemed(this.authorizations, family);
			// gone from the table, yet this transaction answers with what it redeemed
			this.jdbc.update("DELETE FROM oauth2_authorization WHERE id = ?", family.getId());
			assertThat(this.authorizations.findByToken("r1", OAuth2TokenType.REFRESH_TOKEN)).isSameAs(family);
			assertThat(this.authorizations.findByToken("r1", null)).isSameAs(family);
			assertThat(this.authorizations.findByToken("access-r1", OAuth2TokenType.ACCESS_TOKEN)).isSameAs(family);
			assertThat(this.authorizations.findById(family.getId())).isSameAs(family);
			// a token of another type, or another token, is read from the table
			assertThat(this.authorizations.findByToken("r1", OAuth2TokenType.ACCESS_TOKEN)).isNull();
			assertThat(this.authorizations.findByToken("r2", OAuth2TokenType.REFRESH_TOKEN)).isNull();
			status.setRollbackOnly();
		});
		// after the transaction the table answers again (the rollback restored the row)
		OAuth2Authorization reread = this.authorizations.findById(family.getId());
		assertThat(reread).isNotNull().isNotSameAs(family);
		assertThat(reread.getRefreshToken().getToken().getTokenValue()).isEqualTo("r1");
	}

	@Test
	void aSaveInTheTransactionUpdatesTheRowAndWhatTheTransactionReads() {
		OAuth2Authorization family = family("r1");
		this.authorizations.save(family);
		OAuth2Authorization rotated = rotated(family, "r2");
		this.transactions.executeWithoutResult(status -> {
			RedeemedAuthorizations.redeemed(this.authorizations, family);
			this.authorizations.save(rotated);
			assertThat(this.authorizations.findById(family.getId())).isSameAs(rotated);
			assertThat(this.authorizations.findByToken("r2", OAuth2TokenType.REFRESH_TOKEN)).isSameAs(rotated);
		});
		assertThat(rows(family.getId())).isOne();
		assertThat(this.authorizations.findByToken("r1", OAuth2TokenType.REFRESH_TOKEN)).isNull();
		assertThat(this.authorizations.findByToken("r2", OAuth2TokenType.REFRESH_TOKEN).getId())
			.isEqualTo(family.getId());
	}

	/**
	 * A removal (of the user or client the grant belongs to) that commits between the read and the save: the
	 * save must not redeem a grant whose authorization no longer exists. Spring's update of the missing row
	 * fails nothing by itself.
	 */
	@Test
	void aSaveOfAnAuthorizationRemovedMeanwhileIsAnInvalidGrant() {
		OAuth2Authorization family = family("r1");
		this.authorizations.save(family);
		OAuth2Authorization rotated = rotated(family, "r2");
		TransactionTemplate removal = new TransactionTemplate(this.transactions.getTransactionManager());
		removal.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		assertThatExceptionOfType(OAuth2AuthenticationException.class)
			.isThrownBy(() -> this.transactions.executeWithoutResult(status -> {
				RedeemedAuthorizations.redeemed(this.authorizations, family);
				removal.executeWithoutResult(removing -> this.jdbc
					.update("DELETE FROM oauth2_authorization WHERE id = ?", family.getId()));
				this.authorizations.save(rotated);
			}))
			.satisfies(ex -> assertThat(ex.getError().getErrorCode()).isEqualTo(OAuth2ErrorCodes.INVALID_GRANT));
		assertThat(rows(family.getId())).isZero();
		assertThat(this.authorizations.findByToken("r2", OAuth2TokenType.REFRESH_TOKEN)).isNull();
	}

	@Test
	void outsideATransactionNothingIsBound() {
		OAuth2Authorization family = family("r1");
		this.authorizations.save(family);
		RedeemedAuthorizations.redeemed(this.authorizations, family);
		this.jdbc.update("DELETE FROM oauth2_authorization WHERE id = ?", family.getId());
		assertThat(this.authorizations.findById(family.getId())).isNull();
		assertThat(this.authorizations.findByToken("r1", OAuth2TokenType.REFRESH_TOKEN)).isNull();
	}

	@Test
	void aNewAuthorizationIsInserted() {
		OAuth2Authorization family = family("r1");
		this.transactions.executeWithoutResult(status -> this.authorizations.save(family));
		assertThat(rows(family.getId())).isOne();
	}

}
