package io.amagasa.authorization.token;

import java.io.IOException;

import io.amagasa.authorization.SecurityDecision;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * The response to a client that failed to authenticate at the token, revocation or introspection endpoint,
 * or sent no credentials at all: {@code invalid_client} with 401, and {@code WWW-Authenticate: Basic} when
 * it tried the {@code Authorization} header (RFC 6749 §5.2, which Spring Authorization Server leaves out);
 * other errors raised while authenticating the client (a wrong PKCE verifier: {@code invalid_grant}) with 400.
 */
final class ClientAuthenticationFailure implements AuthenticationFailureHandler, AuthenticationEntryPoint {

	private static final Logger log = LoggerFactory.getLogger(ClientAuthenticationFailure.class);

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		SecurityContextHolder.clearContext();
		OAuth2Error error = (exception instanceof OAuth2AuthenticationException oauth2) ? oauth2.getError()
				: new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT);
		respond(request, response, error);
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException exception)
			throws IOException {
		respond(request, response,
				new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT, "Client authentication is required", null));
	}

	private static void respond(HttpServletRequest request, HttpServletResponse response, OAuth2Error error)
			throws IOException {
		boolean invalidClient = OAuth2ErrorCodes.INVALID_CLIENT.equals(error.getErrorCode());
		SecurityDecision.of("client_authentication", "denied")
			.with("path", request.getRequestURI())
			.with("error", error.getErrorCode())
			.with("reason", error.getDescription())
			.with("client_id", request.getParameter(OAuth2ParameterNames.CLIENT_ID))
			.warn(log);
		if (invalidClient && request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"oauth2\"");
		}
		OAuth2ErrorResponse.write(response, invalidClient ? HttpStatus.UNAUTHORIZED : HttpStatus.BAD_REQUEST, error);
	}

}
