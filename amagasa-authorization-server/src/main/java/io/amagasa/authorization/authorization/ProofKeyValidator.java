package io.amagasa.authorization.authorization;

import java.util.function.Consumer;

import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;

/**
 * PKCE with {@code S256} for every client, public and confidential (AS-01, AS-07, OAuth 2.1 §4.1.1): a
 * request without {@code code_challenge}, or with a method other than {@code S256} (including none, which
 * RFC 7636 §4.3 reads as {@code plain}), is refused with {@code invalid_request}. Spring Authorization Server
 * requires PKCE only for clients whose settings ask for it; this rule does not depend on how a client was
 * registered. The token endpoint then verifies the {@code code_verifier} against the stored challenge.
 */
final class ProofKeyValidator implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

	private static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc7636#section-4.4.1";

	@Override
	public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
		OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
		Object challenge = request.getAdditionalParameters().get(PkceParameterNames.CODE_CHALLENGE);
		if (!(challenge instanceof String value) || value.isEmpty()) {
			throw AuthorizationRequestRejection.redirected(context, OAuth2ErrorCodes.INVALID_REQUEST,
					"PKCE is required: code_challenge is missing", ERROR_URI);
		}
		Object method = request.getAdditionalParameters().get(PkceParameterNames.CODE_CHALLENGE_METHOD);
		if (!"S256".equals(method)) {
			throw AuthorizationRequestRejection.redirected(context, OAuth2ErrorCodes.INVALID_REQUEST,
					"code_challenge_method must be S256", ERROR_URI);
		}
	}

}
