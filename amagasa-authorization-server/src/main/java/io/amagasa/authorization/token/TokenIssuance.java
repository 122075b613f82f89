package io.amagasa.authorization.token;

import io.amagasa.authorization.SecurityDecision;
import io.amagasa.authorization.resource.ResourceBinding;
import org.slf4j.Logger;

import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;

/** The log line of a token response. */
final class TokenIssuance {

	private TokenIssuance() {
	}

	static void log(Logger log, String grantType, OAuth2AccessTokenAuthenticationToken issued,
			OAuth2Authorization authorization) {
		SecurityDecision.of("token", "issued")
			.with("grant_type", grantType)
			.with("client_id", issued.getRegisteredClient().getClientId())
			.with("sub", authorization.getPrincipalName())
			.with("resource", ResourceBinding.resourceOf(authorization))
			.with("scope", issued.getAccessToken().getScopes())
			.with("refresh_token", (issued.getRefreshToken() != null) ? "issued" : "none")
			.with("authorization_id", authorization.getId())
			.info(log);
	}

}
