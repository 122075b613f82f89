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
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

/**
 * The error response of the token (RFC 6749 §5.2), revocation (RFC 7009 §2.2.1) and introspection
 * (RFC 7662 §2.3) endpoints: the error JSON with 400, or 401 for {@code invalid_client}, and one log line
 * for the refusal, {@code event=<endpoint> outcome=denied}.
 */
final class AuditedErrorResponse implements AuthenticationFailureHandler {

	private static final Logger log = LoggerFactory.getLogger(AuditedErrorResponse.class);

	private final String event;

	private final String loggedParameter;

	/**
	 * @param event the endpoint's event name in the log line
	 * @param loggedParameter a request parameter the line names (e.g. {@code grant_type}), or {@code null};
	 * never one that carries a token or a secret
	 */
	AuditedErrorResponse(String event, String loggedParameter) {
		this.event = event;
		this.loggedParameter = loggedParameter;
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		OAuth2Error error = (exception instanceof OAuth2AuthenticationException oauth2) ? oauth2.getError()
				: new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST);
		SecurityDecision decision = SecurityDecision.of(this.event, "denied");
		if (this.loggedParameter != null) {
			decision.with(this.loggedParameter, request.getParameter(this.loggedParameter));
		}
		decision.with("error", error.getErrorCode()).with("reason", error.getDescription()).warn(log);
		OAuth2ErrorResponse.write(response,
				OAuth2ErrorCodes.INVALID_CLIENT.equals(error.getErrorCode()) ? HttpStatus.UNAUTHORIZED
						: HttpStatus.BAD_REQUEST,
				error);
	}

}
