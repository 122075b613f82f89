package io.amagasa.authorization.token;

import java.time.Clock;
import java.time.Instant;

import io.amagasa.authorization.SecurityDecision;
import io.amagasa.authorization.store.RedemptionLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Revokes a token family: every token of one authorization, the code it started with and the access, refresh
 * and ID tokens descended from it, which one authorization row holds as it is rotated. Used when a code or a
 * refresh token is replayed (OAuth 2.1 §4.1.3, §4.3.1; AS-13). Revoked tokens are inactive at introspection
 * and can no longer be refreshed; an access token already issued stays valid, at resource servers that
 * verify signatures, until it expires (minutes, AS-12).
 * <p>
 * The family's current refresh token is redeemed in the same transaction as the revocation, so that a
 * rotation racing with it on another instance either wins (and the revocation retries with the new tokens)
 * or loses.
 */
public final class TokenFamilyRevocation {

	private static final Logger log = LoggerFactory.getLogger(TokenFamilyRevocation.class);

	private static final int ATTEMPTS = 5;

	private final OAuth2AuthorizationService authorizations;

	private final RedemptionLedger ledger;

	private final TransactionOperations transactions;

	private final Clock clock;

	public TokenFamilyRevocation(OAuth2AuthorizationService authorizations, RedemptionLedger ledger,
			TransactionOperations transactions, Clock clock) {
		this.authorizations = authorizations;
		this.ledger = ledger;
		this.transactions = transactions;
		this.clock = clock;
	}

	/**
	 * @param reason why, for the log: {@code authorization_code_reuse}, {@code refresh_token_reuse}
	 */
	public void revoke(String authorizationId, String reason) {
		for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
			OAuth2Authorization family = this.authorizations.findById(authorizationId);
			if (family == null) {
				return;
			}
			// after repeated races, revoke what is there without the compare-and-set rather than not at all
			boolean lastAttempt = attempt == ATTEMPTS;
			try {
				// row first, ledger second, as a rotation takes them (RefreshTokenRotation): the other order
				// could deadlock with it
				this.transactions.executeWithoutResult(status -> {
					this.authorizations.save(invalidated(family));
					OAuth2Authorization.Token<OAuth2RefreshToken> refreshToken = family.getRefreshToken();
					if (refreshToken != null && !refreshToken.isInvalidated() && !lastAttempt) {
						Instant now = this.clock.instant();
						this.ledger.redeem(refreshToken.getToken().getTokenValue(), family.getId(), now,
								expiry(refreshToken.getToken(), now));
					}
				});
				SecurityDecision.of("token_family", "revoked")
					.with("reason", reason)
					.with("authorization_id", family.getId())
					.with("registered_client_id", family.getRegisteredClientId())
					.with("sub", family.getPrincipalName())
					.warn(log);
				return;
			}
			catch (DuplicateKeyException rotatedMeanwhile) {
				// the family rotated between reading and revoking: read its new tokens and revoke those
			}
		}
	}

	private static OAuth2Authorization invalidated(OAuth2Authorization family) {
		OAuth2Authorization.Builder builder = OAuth2Authorization.from(family);
		for (Class<? extends OAuth2Token> type : TokenTypes.ALL) {
			OAuth2Authorization.Token<? extends OAuth2Token> token = family.getToken(type);
			if (token != null) {
				builder.invalidate(token.getToken());
			}
		}
		return builder.build();
	}

	static Instant expiry(OAuth2Token token, Instant now) {
		return (token.getExpiresAt() != null) ? token.getExpiresAt() : now;
	}

}
