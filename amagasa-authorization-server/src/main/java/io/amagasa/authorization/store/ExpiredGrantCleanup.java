package io.amagasa.authorization.store;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.amagasa.authorization.SecurityDecision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcOperations;

/**
 * Deletes what can no longer be used: authorizations whose every code and token has expired,
 * authorizations that waited for consent longer than {@link #PENDING_CONSENT_LIFETIME} (the person
 * never answered the consent page), and redemption records past their credential's lifetime. Spring
 * Authorization Server never deletes authorizations.
 */
public final class ExpiredGrantCleanup {

	private static final Logger log = LoggerFactory.getLogger(ExpiredGrantCleanup.class);

	/**
	 * How long a consent page may stay unanswered: far longer than anyone reads one, and longer than the
	 * login session that showed it. A consent given later finds no authorization and the client starts over.
	 */
	public static final Duration PENDING_CONSENT_LIFETIME = Duration.ofHours(1);

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
		// Waiting for consent: the state is set and nothing has been issued yet (created_at, V21).
		int pendingConsents = this.jdbc.update("DELETE FROM oauth2_authorization WHERE state IS NOT NULL "
				+ "AND authorization_code_value IS NULL AND access_token_value IS NULL AND refresh_token_value IS NULL "
				+ "AND device_code_value IS NULL AND user_code_value IS NULL AND created_at < ?",
				Timestamp.from(now.minus(PENDING_CONSENT_LIFETIME)));
		int redemptions = this.ledger.deleteExpired(now);
		if (authorizations > 0 || pendingConsents > 0 || redemptions > 0) {
			SecurityDecision.of("expired_grants", "deleted")
				.with("authorizations", authorizations)
				.with("pending_consents", pendingConsents)
				.with("redemptions", redemptions)
				.info(log);
		}
	}

}
