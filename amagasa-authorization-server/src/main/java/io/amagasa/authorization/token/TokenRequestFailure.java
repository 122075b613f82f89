package io.amagasa.authorization.token;

import java.io.IOException;

import io.amagasa.authorization.SecurityDecision;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * The token endpoint's error response (RFC 6749 §5.2): the error JSON with 400, or 401 for
 * {@code invalid_client}, and one log line for the refusal.
 */
final class TokenRequestFailure implements AuthenticationFailureHandler {

	private static final Logger log = LoggerFactory.getLogger(TokenRequestFailure.class);

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		OAuth2Error error = (exception instanceof OAuth2AuthenticationException oauth2) ? oauth2.getError()
				: new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST);
		SecurityDecision.of("token", "denied")
			.with("grant_type", request.getParameter(OAuth2ParameterNames.GRANT_TYPE))
			.with("error", error.getErrorCode())
			.with("reason", error.getDescription())
			.warn(log);
		OAuth2ErrorResponse.write(response,
				OAuth2ErrorCodes.INVALID_CLIENT.equals(error.getErrorCode()) ? HttpStatus.UNAUTHORIZED
						: HttpStatus.BAD_REQUEST,
				error);
	}

}
