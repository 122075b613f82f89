package io.amagasa.authorization.authorization;

import io.amagasa.authorization.SecurityDecision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationProvider;

/**
 * A consent decision that approves none of the requested scopes is a denial ({@code access_denied}, RFC 6749
 * §4.1.2.1). Spring Authorization Server issues a code with no scope in that case when the user approved
 * other scopes of the same client before, and that code would still give the client a token for the
 * resource; here the code is withdrawn and the client gets the error.
 */
final class ConsentDecision implements AuthenticationProvider {

	private static final Logger log = LoggerFactory.getLogger(ConsentDecision.class);

	private static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc6749#section-4.1.2.1";

	private static final OAuth2TokenType CODE = new OAuth2TokenType(OAuth2ParameterNames.CODE);

	private final OAuth2AuthorizationConsentAuthenticationProvider delegate;

	private final OAuth2AuthorizationService authorizations;

	ConsentDecision(OAuth2AuthorizationConsentAuthenticationProvider delegate,
			OAuth2AuthorizationService authorizations) {
		this.delegate = delegate;
		this.authorizations = authorizations;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		Authentication result = this.delegate.authenticate(authentication);
		if (result instanceof OAuth2AuthorizationCodeRequestAuthenticationToken granted && granted.getScopes().isEmpty()
				&& granted.getAuthorizationCode() != null) {
			OAuth2Authorization authorization = this.authorizations
				.findByToken(granted.getAuthorizationCode().getTokenValue(), CODE);
			if (authorization != null) {
				this.authorizations.remove(authorization);
			}
			SecurityDecision.of("consent", "denied").with("client_id", granted.getClientId()).info(log);
			throw new OAuth2AuthorizationCodeRequestAuthenticationException(
					new OAuth2Error(OAuth2ErrorCodes.ACCESS_DENIED, "No scope was approved", ERROR_URI),
					new OAuth2AuthorizationCodeRequestAuthenticationToken(granted.getAuthorizationUri(),
							granted.getClientId(), (Authentication) granted.getPrincipal(), granted.getRedirectUri(),
							granted.getState(), granted.getScopes(), null));
		}
		return result;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.delegate.supports(authentication);
	}

}
