package io.amagasa.authorization.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.amagasa.authorization.resource.ResourceBinding;
import io.amagasa.authorization.store.RedeemedAuthorizations;
import io.amagasa.authorization.store.RedemptionLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The authorization-code grant on Spring Authorization Server's provider, with what it lacks: the token
 * request's {@code resource} must be the authorized one ({@code invalid_target}, RFC 8707 §2.2), and a code
 * is redeemed at most once across instances. Spring marks a code used by updating its row, which two
 * concurrent requests can both do; here redemption is a compare-and-set in the {@link RedemptionLedger},
 * in the same transaction as Spring's update, so a failed exchange leaves the code unused. A code presented
 * again revokes every token issued from it (OAuth 2.1 §4.1.3).
 */
public final class AuthorizationCodeRedemption implements AuthenticationProvider {

	private static final Logger log = LoggerFactory.getLogger(AuthorizationCodeRedemption.class);

	private static final OAuth2TokenType CODE = new OAuth2TokenType(OAuth2ParameterNames.CODE);

	private final OAuth2AuthorizationCodeAuthenticationProvider delegate;

	private final OAuth2AuthorizationService authorizations;

	private final RedemptionLedger ledger;

	private final TokenFamilyRevocation revocation;

	private final TransactionOperations transactions;

	private final Clock clock;

	public AuthorizationCodeRedemption(OAuth2AuthorizationCodeAuthenticationProvider delegate,
			OAuth2AuthorizationService authorizations, RedemptionLedger ledger, TokenFamilyRevocation revocation,
			TransactionOperations transactions, Clock clock) {
		this.delegate = delegate;
		this.authorizations = authorizations;
		this.ledger = ledger;
		this.revocation = revocation;
		this.transactions = transactions;
		this.clock = clock;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		OAuth2AuthorizationCodeAuthenticationToken request = (OAuth2AuthorizationCodeAuthenticationToken) authentication;
		if (!(request.getPrincipal() instanceof OAuth2ClientAuthenticationToken client) || !client.isAuthenticated()) {
			// Spring answers invalid_client
			return this.delegate.authenticate(request);
		}
		OAuth2Authorization authorization = this.authorizations.findByToken(request.getCode(), CODE);
		if (authorization == null) {
			// unknown or expired and removed: Spring answers invalid_grant
			return this.delegate.authenticate(request);
		}
		OAuth2Authorization.Token<OAuth2AuthorizationCode> code = authorization.getToken(OAuth2AuthorizationCode.class);
		if (code != null && code.isInvalidated()) {
			// exchanged before (or revoked with its family): Spring would revoke the tokens in the
			// transaction that its own refusal rolls back
			throw reused(authorization);
		}
		ResourceBinding.requireSameResource(request.getAdditionalParameters(), authorization);
		Instant now = this.clock.instant();
		// a replay is recognised for as long as a token issued from the code may live
		Instant remembered = now.plus(familyLifetime(client.getRegisteredClient().getTokenSettings()));
		OAuth2AccessTokenAuthenticationToken issued;
		try {
			// row first, ledger second, as in RefreshTokenRotation: a replay that raced this exchange
			// fails at the redemption, and its update rolls back
			issued = this.transactions.execute(status -> {
				RedeemedAuthorizations.redeemed(this.authorizations, authorization);
				OAuth2AccessTokenAuthenticationToken result = (OAuth2AccessTokenAuthenticationToken) this.delegate
					.authenticate(request);
				this.ledger.redeem(request.getCode(), authorization.getId(), now, remembered);
				return result;
			});
		}
		catch (DuplicateKeyException redeemedMeanwhile) {
			throw reused(authorization);
		}
		TokenIssuance.log(log, "authorization_code", issued, authorization);
		return issued;
	}

	/** A code presented again: every token issued from it is revoked (OAuth 2.1 §4.1.3). */
	private OAuth2AuthenticationException reused(OAuth2Authorization authorization) {
		this.revocation.revoke(authorization.getId(), "authorization_code_reuse");
		return new OAuth2AuthenticationException(
				new OAuth2Error(OAuth2ErrorCodes.INVALID_GRANT, "The authorization code was used before", null));
	}

	private static Duration familyLifetime(TokenSettings settings) {
		Duration accessToken = settings.getAccessTokenTimeToLive();
		Duration refreshToken = settings.getRefreshTokenTimeToLive();
		return (refreshToken.compareTo(accessToken) > 0) ? refreshToken : accessToken;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.delegate.supports(authentication);
	}

}
