package io.amagasa.authorization.token;

import java.util.Map;

import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;

/**
 * A public client identifying itself by {@code client_id} alone in a refresh or revocation request. A type
 * of its own, so that only {@link ClientIdOnlyAuthenticationProvider} accepts it without a proof: Spring's
 * public-client tokens, which need a PKCE {@code code_verifier}, keep going to Spring's provider.
 */
final class ClientIdOnlyAuthenticationToken extends OAuth2ClientAuthenticationToken {

	ClientIdOnlyAuthenticationToken(String clientId, Map<String, Object> additionalParameters) {
		super(clientId, ClientAuthenticationMethod.NONE, null, additionalParameters);
	}

}
