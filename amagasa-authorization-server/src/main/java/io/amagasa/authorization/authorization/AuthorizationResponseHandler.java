package io.amagasa.authorization.authorization;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import io.amagasa.authorization.SecurityDecision;
import io.amagasa.authorization.metadata.IssuerIdentifier;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * The successful authorization response (RFC 6749 §4.1.2, AS-08): a redirect to the validated redirect URI
 * with exactly one {@code code}, the client's {@code state} unchanged, and {@code iss} (RFC 9207 §2, AS-09),
 * which Spring Authorization Server does not send.
 */
final class AuthorizationResponseHandler implements AuthenticationSuccessHandler {

	private static final Logger log = LoggerFactory.getLogger(AuthorizationResponseHandler.class);

	private final RedirectStrategy redirects = new DefaultRedirectStrategy();

	private final IssuerIdentifier issuer;

	AuthorizationResponseHandler(IssuerIdentifier issuer) {
		this.issuer = issuer;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException {
		OAuth2AuthorizationCodeRequestAuthenticationToken result = (OAuth2AuthorizationCodeRequestAuthenticationToken) authentication;
		UriComponentsBuilder uri = UriComponentsBuilder.fromUriString(result.getRedirectUri())
			.queryParam(OAuth2ParameterNames.CODE, encode(result.getAuthorizationCode().getTokenValue()));
		if (StringUtils.hasText(result.getState())) {
			uri.queryParam(OAuth2ParameterNames.STATE, encode(result.getState()));
		}
		uri.queryParam("iss", encode(this.issuer.value()));
		SecurityDecision.of("authorization", "code_issued")
			.with("client_id", result.getClientId())
			.with("sub", ((Authentication) result.getPrincipal()).getName())
			.with("scope", result.getScopes())
			.info(log);
		// build(true): the values are encoded above, the registered redirect URI is encoded already
		this.redirects.sendRedirect(request, response, uri.build(true).toUriString());
	}

	static String encode(String value) {
		return UriUtils.encode(value, StandardCharsets.UTF_8);
	}

}
