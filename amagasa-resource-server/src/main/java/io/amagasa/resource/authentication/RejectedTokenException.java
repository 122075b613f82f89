package io.amagasa.resource.authentication;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenError;

/**
 * A bearer token was presented and refused; {@link #reason()} is the stable code the audit log and the
 * metrics use, the error description is what the client sees.
 */
public final class RejectedTokenException extends OAuth2AuthenticationException {

	private final String reason;

	public RejectedTokenException(String errorCode, HttpStatus status, String reason, String description) {
		super(new BearerTokenError(errorCode, status, description, null), description);
		this.reason = reason;
	}

	public String reason() {
		return this.reason;
	}

}
