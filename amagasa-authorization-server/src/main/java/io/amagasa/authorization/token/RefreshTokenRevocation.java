package io.amagasa.authorization.token;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenRevocationAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenRevocationAuthenticationToken;

/**
 * Revocation (RFC 7009) of a refresh token as the revocation of its whole token family, through
 * {@link TokenFamilyRevocation}. Spring's provider would write the row as it read it, with the refresh token
 * invalidated: a rotation racing with it, on this instance or another, could then write its rotated, active
 * tokens over the revocation. The family revocation redeems the refresh token in the ledger, as a rotation
 * does, so one of the two loses, and a revocation that loses retries on the rotated tokens. Revoking a refresh
 * token revokes the access tokens of its grant as well (RFC 7009 §2.1). Access tokens, tokens of another
 * client and tokens this server does not know are left to Spring's provider.
 */
final class RefreshTokenRevocation implements AuthenticationProvider {

	private final OAuth2TokenRevocationAuthenticationProvider delegate;

	private final OAuth2AuthorizationService authorizations;

	private final TokenFamilyRevocation revocation;

	RefreshTokenRevocation(OAuth2TokenRevocationAuthenticationProvider delegate,
			OAuth2AuthorizationService authorizations, TokenFamilyRevocation revocation) {
		this.delegate = delegate;
		this.authorizations = authorizations;
		this.revocation = revocation;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		OAuth2TokenRevocationAuthenticationToken request = (OAuth2TokenRevocationAuthenticationToken) authentication;
		if (!(request.getPrincipal() instanceof OAuth2ClientAuthenticationToken client) || !client.isAuthenticated()) {
			// Spring answers invalid_client
			return this.delegate.authenticate(request);
		}
		OAuth2Authorization family = this.authorizations.findByToken(request.getToken(),
				OAuth2TokenType.REFRESH_TOKEN);
		if (family == null || !family.getRegisteredClientId().equals(client.getRegisteredClient().getId())) {
			// an access token, an unknown token (200 all the same) or another client's (invalid_client)
			return this.delegate.authenticate(request);
		}
		this.revocation.revoke(family.getId(), "refresh_token_revoked");
		return new OAuth2TokenRevocationAuthenticationToken(family.getRefreshToken().getToken(), client);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.delegate.supports(authentication);
	}

}
