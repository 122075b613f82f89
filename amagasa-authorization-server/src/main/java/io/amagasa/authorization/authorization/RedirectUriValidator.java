package io.amagasa.authorization.authorization;

import java.util.Locale;
import java.util.function.Consumer;

import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Exact redirect URI matching (AS-31, OAuth 2.1 §2.3.1) with the loopback rule: the port may differ for
 * {@code http://127.0.0.1}, {@code http://[::1]} (Spring Authorization Server's rule, RFC 8252 §7.3) and
 * {@code http://localhost}, which MCP clients commonly register and which the MCP specification treats as
 * loopback (AS-30). Scheme, host, path and query must match exactly; {@code localhost} matches only a
 * registered {@code localhost}, never {@code 127.0.0.1}. A mismatch is shown as an error page, never
 * redirected (AS-32).
 */
final class RedirectUriValidator implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

	private static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc6749#section-4.1.2.1";

	@Override
	public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
		OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
		String requested = request.getRedirectUri();
		UriComponents requestedUri = parse(requested);
		if (requestedUri == null || !isLocalhost(requestedUri)) {
			OAuth2AuthorizationCodeRequestAuthenticationValidator.DEFAULT_REDIRECT_URI_VALIDATOR.accept(context);
			return;
		}
		for (String registered : context.getRegisteredClient().getRedirectUris()) {
			UriComponents registeredUri = parse(registered);
			if (registeredUri != null && isLocalhost(registeredUri) && UriComponentsBuilder.fromUriString(registered)
				.port(requestedUri.getPort())
				.build()
				.toString()
				.equals(requestedUri.toString())) {
				return;
			}
		}
		throw AuthorizationRequestRejection.notRedirected(context, OAuth2ErrorCodes.INVALID_REQUEST,
				"OAuth 2.0 Parameter: redirect_uri", ERROR_URI);
	}

	private static boolean isLocalhost(UriComponents uri) {
		return "http".equals(uri.getScheme()) && uri.getHost() != null
				&& uri.getHost().toLowerCase(Locale.ROOT).equals("localhost") && uri.getFragment() == null;
	}

	private static UriComponents parse(String uri) {
		if (uri == null || uri.isEmpty()) {
			return null;
		}
		try {
			return UriComponentsBuilder.fromUriString(uri).build();
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

}
