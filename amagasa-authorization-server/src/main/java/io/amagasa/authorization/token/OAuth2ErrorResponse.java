package io.amagasa.authorization.token;

import java.io.IOException;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.http.converter.OAuth2ErrorHttpMessageConverter;

/** Writes an OAuth 2.0 error response body (RFC 6749 §5.2) with its status. */
final class OAuth2ErrorResponse {

	private static final OAuth2ErrorHttpMessageConverter CONVERTER = new OAuth2ErrorHttpMessageConverter();

	private OAuth2ErrorResponse() {
	}

	static void write(HttpServletResponse response, HttpStatus status, OAuth2Error error) throws IOException {
		ServletServerHttpResponse httpResponse = new ServletServerHttpResponse(response);
		httpResponse.setStatusCode(status);
		CONVERTER.write(error, MediaType.APPLICATION_JSON, httpResponse);
	}

}
