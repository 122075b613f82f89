package io.amagasa.authorization.token;

import java.io.IOException;

import io.amagasa.authorization.SecurityDecision;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenIntrospection;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.http.converter.OAuth2TokenIntrospectionHttpMessageConverter;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;

/**
 * The introspection endpoint's response (RFC 7662 §2.2: the token's claims, or {@code active: false}) and one
 * log line for each introspection: which client asked about what kind of token, whether it was active, and
 * for an active one whose client it was and its subject. Never the token itself. Refusals:
 * {@link AuditedErrorResponse}.
 */
final class TokenIntrospectionOutcome implements AuthenticationSuccessHandler {

	private static final Logger log = LoggerFactory.getLogger(TokenIntrospectionOutcome.class);

	private final OAuth2TokenIntrospectionHttpMessageConverter converter = new OAuth2TokenIntrospectionHttpMessageConverter();

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException {
		OAuth2TokenIntrospectionAuthenticationToken introspection = (OAuth2TokenIntrospectionAuthenticationToken) authentication;
		OAuth2TokenIntrospection claims = introspection.getTokenClaims();
		SecurityDecision decision = SecurityDecision.of("token_introspection", claims.isActive() ? "active" : "inactive")
			.with("client_id", TokenRevocationOutcome.clientId(introspection))
			.with("token_type_hint", introspection.getTokenTypeHint());
		if (claims.isActive()) {
			decision.with("token_client_id", claims.getClientId()).with("sub", claims.getSubject());
		}
		decision.info(log);
		ServletServerHttpResponse httpResponse = new ServletServerHttpResponse(response);
		this.converter.write(claims, null, httpResponse);
	}

}
