package io.amagasa.resource.challenge;

import java.io.IOException;

import io.amagasa.resource.audit.AuthorizationAudit;
import io.amagasa.resource.authentication.RejectedTokenException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers a request that did not authenticate: 401 with the resource-metadata challenge when no bearer
 * token was presented, or the token's error (401 {@code invalid_token}, 400 {@code invalid_request})
 * when one was refused (RS-08, RS-11). Each refusal is one audit line.
 */
public final class McpAuthenticationEntryPoint implements AuthenticationEntryPoint {

	private final BearerChallengeResponder responder;

	private final AuthorizationAudit audit;

	public McpAuthenticationEntryPoint(BearerChallengeResponder responder, AuthorizationAudit audit) {
		this.responder = responder;
		this.audit = audit;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		if (authException instanceof OAuth2AuthenticationException oauth
				&& oauth.getError() instanceof BearerTokenError error) {
			String reason = oauth instanceof RejectedTokenException rejected ? rejected.reason() : error.getErrorCode();
			this.audit.unauthenticated(request, reason);
			this.responder.rejected(response, error.getHttpStatus().value(), error.getErrorCode(),
					error.getDescription());
			return;
		}
		this.audit.unauthenticated(request, AuthorizationAudit.NO_TOKEN);
		this.responder.unauthenticated(response);
	}

}
