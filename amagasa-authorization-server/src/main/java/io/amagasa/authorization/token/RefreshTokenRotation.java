package io.amagasa.authorization.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.amagasa.authorization.SecurityDecision;
import io.amagasa.authorization.resource.ResourceBinding;
import io.amagasa.authorization.store.RedeemedAuthorizations;
import io.amagasa.authorization.store.RedemptionLedger;
import io.amagasa.authorization.store.RedemptionLedger.Redemption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The refresh-token grant on Spring Authorization Server's provider, with rotation on every use for every
 * client and reuse detection (AS-13, OAuth 2.1 §4.3.1):
 * <ul>
 * <li>Redeeming a refresh token is a compare-and-set in the {@link RedemptionLedger}, in the transaction that
 * stores its successor, so of two requests with the same token (on one instance or two sharing the database)
 * one rotates it and the other sees a reuse.</li>
 * <li>A reuse, that is a refresh token presented after it was redeemed, revokes its whole family
 * ({@link TokenFamilyRevocation}) and gets {@code invalid_grant}.</li>
 * <li>Except a benign retry: the same client presenting the token again within the grace window after its
 * first use, while the pair issued for it is still the family's current one (the response was lost). The
 * retry gets a new pair, issued by rotating that current pair on the client's behalf, so the sibling it
 * never received is retired; presenting the sibling later is a reuse. Replaying the same successor tokens
 * would need their values kept, and a retry after another rotation is a reuse.</li>
 * <li>The token request's {@code resource}, if any, must be the authorized one ({@code invalid_target},
 * RFC 8707 §2.2).</li>
 * </ul>
 */
public final class RefreshTokenRotation implements AuthenticationProvider {

	private static final Logger log = LoggerFactory.getLogger(RefreshTokenRotation.class);

	private final OAuth2RefreshTokenAuthenticationProvider delegate;

	private final OAuth2AuthorizationService authorizations;

	private final RedemptionLedger ledger;

	private final TokenFamilyRevocation revocation;

	private final TransactionOperations transactions;

	private final Clock clock;

	private final Duration grace;

	/**
	 * @param grace how long after its first use a refresh token may be presented again as a retry
	 */
	public RefreshTokenRotation(OAuth2RefreshTokenAuthenticationProvider delegate,
			OAuth2AuthorizationService authorizations, RedemptionLedger ledger, TokenFamilyRevocation revocation,
			TransactionOperations transactions, Clock clock, Duration grace) {
		this.delegate = delegate;
		this.authorizations = authorizations;
		this.ledger = ledger;
		this.revocation = revocation;
		this.transactions = transactions;
		this.clock = clock;
		this.grace = grace;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		OAuth2RefreshTokenAuthenticationToken request = (OAuth2RefreshTokenAuthenticationToken) authentication;
		if (!(request.getPrincipal() instanceof OAuth2ClientAuthenticationToken client) || !client.isAuthenticated()) {
			// Spring answers invalid_client
			return this.delegate.authenticate(request);
		}
		String presented = request.getRefreshToken();
		OAuth2Authorization family = this.authorizations.findByToken(presented, OAuth2TokenType.REFRESH_TOKEN);
		if (family != null) {
			ResourceBinding.requireSameResource(request.getAdditionalParameters(), family);
			return rotate(request, client, presented, family, null);
		}
		Optional<Redemption> redemption = this.ledger.find(presented);
		if (redemption.isEmpty()) {
			// never issued, or expired long ago: Spring answers invalid_grant
			return this.delegate.authenticate(request);
		}
		return reused(request, client, presented, redemption.get(), true);
	}

	/**
	 * Redeems the family's current refresh token for a new pair.
	 * @param retried the token the client presented, when this rotation answers its retry
	 */
	private Authentication rotate(OAuth2RefreshTokenAuthenticationToken request, OAuth2ClientAuthenticationToken client,
			String current, OAuth2Authorization family, String retried) {
		Instant now = this.clock.instant();
		Instant expiresAt = TokenFamilyRevocation.expiry(family.getRefreshToken().getToken(), now);
		OAuth2AccessTokenAuthenticationToken issued;
		try {
			issued = this.transactions.execute(status -> {
				// Spring's provider issues from the family as read and updates its row (locking it); the
				// redemption comes last, so that it can name its successor in the same statement. Whatever
				// changed the row since it was read (a rotation, a family or refresh-token revocation)
				// redeemed this same refresh token, so then the redemption fails and the update rolls back.
				// Row first, ledger second: the order of every transaction that takes both.
				RedeemedAuthorizations.redeemed(this.authorizations, family);
				OAuth2AccessTokenAuthenticationToken result = (OAuth2AccessTokenAuthenticationToken) this.delegate
					.authenticate(rotating(request, client, current));
				String successor = result.getRefreshToken().getTokenValue();
				if (retried == null) {
					this.ledger.redeem(current, family.getId(), now, expiresAt, successor);
				}
				else {
					// a token redeemed on the client's behalf gets no successor: it never reached the
					// client, so presenting it later is a reuse, never a retry
					this.ledger.redeem(current, family.getId(), now, expiresAt);
					this.ledger.recordSuccessor(retried, successor);
				}
				return result;
			});
		}
		catch (DuplicateKeyException redeemedMeanwhile) {
			Redemption redemption = this.ledger.find(current)
				.orElseThrow(() -> new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_GRANT));
			return reused(request, client, current, redemption, retried == null);
		}
		TokenIssuance.log(log, "refresh_token", issued, family);
		return issued;
	}

	/** A refresh token presented after it was redeemed: a retry within the grace window, or a reuse. */
	private Authentication reused(OAuth2RefreshTokenAuthenticationToken request, OAuth2ClientAuthenticationToken client,
			String presented, Redemption redemption, boolean retryAllowed) {
		OAuth2Authorization family = this.authorizations.findById(redemption.authorizationId());
		OAuth2Authorization.Token<OAuth2RefreshToken> current = (family != null) ? family.getRefreshToken() : null;
		boolean retry = retryAllowed && current != null && current.isActive()
				&& family.getRegisteredClientId().equals(client.getRegisteredClient().getId())
				&& !this.clock.instant().isAfter(redemption.redeemedAt().plus(this.grace))
				&& redemption.succeededBy(current.getToken().getTokenValue());
		if (retry) {
			ResourceBinding.requireSameResource(request.getAdditionalParameters(), family);
			SecurityDecision.of("refresh_token", "retry_accepted")
				.with("client_id", client.getRegisteredClient().getClientId())
				.with("authorization_id", family.getId())
				.with("grace", this.grace)
				.info(log);
			return rotate(request, client, current.getToken().getTokenValue(), family, presented);
		}
		if (family != null) {
			this.revocation.revoke(family.getId(), "refresh_token_reuse");
		}
		throw new OAuth2AuthenticationException(
				new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT, "The refresh token was used before", null));
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.delegate.supports(authentication);
	}

	/**
	 * The request for Spring's provider, for the token to redeem, with rotation on whatever the client's
	 * settings say: a client registered with reusable refresh tokens would defeat reuse detection.
	 */
	private static OAuth2RefreshTokenAuthenticationToken rotating(OAuth2RefreshTokenAuthenticationToken request,
			OAuth2ClientAuthenticationToken client, String refreshToken) {
		OAuth2ClientAuthenticationToken principal = client;
		RegisteredClient registered = client.getRegisteredClient();
		if (registered.getTokenSettings().isReuseRefreshTokens()) {
			RegisteredClient rotating = RegisteredClient.from(registered)
				.tokenSettings(TokenSettings.withSettings(registered.getTokenSettings().getSettings())
					.reuseRefreshTokens(false)
					.build())
				.build();
			principal = new OAuth2ClientAuthenticationToken(rotating, client.getClientAuthenticationMethod(),
					client.getCredentials());
		}
		return new OAuth2RefreshTokenAuthenticationToken(refreshToken, principal, request.getScopes(),
				request.getAdditionalParameters());
	}

}
