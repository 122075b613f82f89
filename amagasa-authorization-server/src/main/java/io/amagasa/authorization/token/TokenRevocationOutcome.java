package io.amagasa.authorization.token;

import io.amagasa.authorization.SecurityDecision;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenRevocationAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/**
 * The revocation endpoint's response (RFC 7009 §2.2: 200 with no body, whether or not the token was known)
 * and one log line for each revocation: which client revoked what kind of token, and whether it named one
 * this server issued. Never the token itself. Refusals: {@link AuditedErrorResponse}.
 */
final class TokenRevocationOutcome implements AuthenticationSuccessHandler {

	private static final Logger log = LoggerFactory.getLogger(TokenRevocationOutcome.class);

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) {
		OAuth2TokenRevocationAuthenticationToken revocation = (OAuth2TokenRevocationAuthenticationToken) authentication;
		// Spring Authorization Server answers an unknown token with the request itself, unauthenticated
		SecurityDecision.of("token_revocation", revocation.isAuthenticated() ? "revoked" : "unknown_token")
			.with("client_id", clientId(revocation))
			.with("token_type_hint", revocation.getTokenTypeHint())
			.info(log);
		response.setStatus(HttpStatus.OK.value());
	}

	static String clientId(Authentication request) {
		return (request.getPrincipal() instanceof OAuth2ClientAuthenticationToken client
				&& client.getRegisteredClient() != null) ? client.getRegisteredClient().getClientId() : null;
	}

}
