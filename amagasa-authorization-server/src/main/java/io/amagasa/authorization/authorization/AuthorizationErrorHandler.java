package io.amagasa.authorization.authorization;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.amagasa.authorization.SecurityDecision;
import io.amagasa.authorization.metadata.IssuerIdentifier;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.util.StringUtils;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The error authorization response (RFC 6749 §4.1.2.1). When the client and its redirect URI were
 * validated, the error goes to the client with its {@code state} and {@code iss} (RFC 9207 §2: error
 * responses too, AS-09). Otherwise (unknown client, unregistered redirect URI, malformed request) the user
 * gets an error page and is not redirected anywhere (AS-32, OAuth 2.1 §7.12.2).
 */
final class AuthorizationErrorHandler implements AuthenticationFailureHandler {

	private static final Logger log = LoggerFactory.getLogger(AuthorizationErrorHandler.class);

	private final RedirectStrategy redirects = new DefaultRedirectStrategy();

	private final IssuerIdentifier issuer;

	AuthorizationErrorHandler(IssuerIdentifier issuer) {
		this.issuer = issuer;
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		OAuth2Error error = (exception instanceof OAuth2AuthenticationException oauth2) ? oauth2.getError()
				: new OAuth2Error(OAuth2ErrorCodes.SERVER_ERROR);
		OAuth2AuthorizationCodeRequestAuthenticationToken rejected = (exception instanceof OAuth2AuthorizationCodeRequestAuthenticationException refused)
				? refused.getAuthorizationCodeRequestAuthentication() : null;
		boolean redirect = rejected != null && StringUtils.hasText(rejected.getRedirectUri());
		SecurityDecision.of("authorization", "denied")
			.with("error", error.getErrorCode())
			.with("reason", error.getDescription())
			.with("client_id", (rejected != null) ? rejected.getClientId() : null)
			.with("redirected", redirect)
			.warn(log);
		if (redirect) {
			UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(rejected.getRedirectUri())
				.queryParam(OAuth2ParameterNames.ERROR, AuthorizationResponseHandler.encode(error.getErrorCode()));
			if (StringUtils.hasText(error.getDescription())) {
				uri.queryParam(OAuth2ParameterNames.ERROR_DESCRIPTION,
						AuthorizationResponseHandler.encode(error.getDescription()));
			}
			if (StringUtils.hasText(error.getUri())) {
				uri.queryParam(OAuth2ParameterNames.ERROR_URI, AuthorizationResponseHandler.encode(error.getUri()));
			}
			if (StringUtils.hasText(rejected.getState())) {
				uri.queryParam(OAuth2ParameterNames.STATE, AuthorizationResponseHandler.encode(rejected.getState()));
			}
			uri.queryParam("iss", AuthorizationResponseHandler.encode(this.issuer.value()));
			this.redirects.sendRedirect(request, response, uri.build(true).toUriString());
			return;
		}
		errorPage(response, error);
	}

	private static void errorPage(HttpServletResponse response, OAuth2Error error) throws IOException {
		response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
		response.setContentType(MediaType.TEXT_HTML_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		String description = StringUtils.hasText(error.getDescription())
				? "<p>" + HtmlUtils.htmlEscape(error.getDescription()) + "</p>" : "";
		response.getWriter()
			.write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Authorization request refused</title></head>"
					+ "<body><h1>Authorization request refused</h1>"
					+ "<p>The application that sent you here made a request this server cannot accept, "
					+ "so you were not sent back to it.</p>"
					+ "<p>Error: <code>" + HtmlUtils.htmlEscape(error.getErrorCode()) + "</code></p>" + description
					+ "</body></html>");
	}

}
