package io.amagasa.authorization.authorization;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.util.StringUtils;

/**
 * Refuses an authorization request the way Spring Authorization Server's own validators do: the
 * exception carries the redirect URI to send the error to, or none, in which case the user sees an error
 * page and nothing is redirected (AS-32).
 */
final class AuthorizationRequestRejection {

	private AuthorizationRequestRejection() {
	}

	/** Refuses the request with an error sent to its redirect URI, which an earlier validator accepted. */
	static OAuth2AuthorizationCodeRequestAuthenticationException redirected(
			OAuth2AuthorizationCodeRequestAuthenticationContext context, String errorCode, String description,
			String errorUri) {
		OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
		String redirectUri = StringUtils.hasText(request.getRedirectUri()) ? request.getRedirectUri()
				: context.getRegisteredClient().getRedirectUris().iterator().next();
		return rejection(request, redirectUri, new OAuth2Error(errorCode, description, errorUri));
	}

	/** Refuses the request with an error page: its redirect URI is not trusted. */
	static OAuth2AuthorizationCodeRequestAuthenticationException notRedirected(
			OAuth2AuthorizationCodeRequestAuthenticationContext context, String errorCode, String description,
			String errorUri) {
		return rejection(context.getAuthentication(), null, new OAuth2Error(errorCode, description, errorUri));
	}

	private static OAuth2AuthorizationCodeRequestAuthenticationException rejection(
			OAuth2AuthorizationCodeRequestAuthenticationToken request, String redirectUri, OAuth2Error error) {
		OAuth2AuthorizationCodeRequestAuthenticationToken result = new OAuth2AuthorizationCodeRequestAuthenticationToken(
				request.getAuthorizationUri(), request.getClientId(), (Authentication) request.getPrincipal(),
				redirectUri, request.getState(), request.getScopes(), request.getAdditionalParameters());
		return new OAuth2AuthorizationCodeRequestAuthenticationException(error, result);
	}

}
