package io.amagasa.authorization.store;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;

import io.amagasa.authorization.SecurityDecision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcOperations;

/**
 * Deletes what can no longer be used: authorizations whose every code and token has expired, and
 * redemption records past their credential's lifetime. Spring Authorization Server never deletes
 * authorizations. An authorization still waiting for consent has no token and is kept.
 */
public final class ExpiredGrantCleanup {

	private static final Logger log = LoggerFactory.getLogger(ExpiredGrantCleanup.class);

	private final JdbcOperations jdbc;

	private final RedemptionLedger ledger;

	private final Clock clock;

	public ExpiredGrantCleanup(JdbcOperations jdbc, RedemptionLedger ledger, Clock clock) {
		this.jdbc = jdbc;
		this.ledger = ledger;
		this.clock = clock;
	}

	public void run() {
		Instant now = this.clock.instant();
		Timestamp cutoff = Timestamp.from(now);
		int authorizations = this.jdbc.update("DELETE FROM oauth2_authorization WHERE "
				+ "(authorization_code_expires_at IS NOT NULL OR access_token_expires_at IS NOT NULL OR refresh_token_expires_at IS NOT NULL) "
				+ "AND (authorization_code_expires_at IS NULL OR authorization_code_expires_at < ?) "
				+ "AND (access_token_expires_at IS NULL OR access_token_expires_at < ?) "
				+ "AND (refresh_token_expires_at IS NULL OR refresh_token_expires_at < ?) "
				+ "AND (oidc_id_token_expires_at IS NULL OR oidc_id_token_expires_at < ?)", cutoff, cutoff, cutoff, cutoff);
		int redemptions = this.ledger.deleteExpired(now);
		if (authorizations > 0 || redemptions > 0) {
			SecurityDecision.of("expired_grants", "deleted")
				.with("authorizations", authorizations)
				.with("redemptions", redemptions)
				.info(log);
		}
	}

}
