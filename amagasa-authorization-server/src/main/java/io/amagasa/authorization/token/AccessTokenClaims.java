package io.amagasa.authorization.token;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.TreeSet;

import io.amagasa.authorization.resource.ResourceBinding;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * Makes Spring Authorization Server's JWT access tokens RFC 9068 access tokens: header {@code typ: at+jwt}
 * (§2.1); {@code aud} the one resource the authorization is bound to (§2.2, RFC 8707 §2.2; Spring sets the
 * client id); {@code client_id}; {@code scope} as a space-separated string (§2.2.3; Spring writes a JSON
 * array). {@code iss}, {@code sub}, {@code iat}, {@code exp} and {@code jti} are Spring's. Access and ID
 * tokens live for the configured access-token lifetime (AS-12; Spring fixes ID tokens at 30 minutes), which
 * is also how long a retired signing key stays published.
 */
public final class AccessTokenClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

	static final String TYPE = "at+jwt";

	private final Duration lifetime;

	public AccessTokenClaims(Duration lifetime) {
		this.lifetime = lifetime;
	}

	@Override
	public void customize(JwtEncodingContext context) {
		boolean accessToken = OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType());
		if (!accessToken && !OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
			return;
		}
		context.getClaims()
			.claims(claims -> claims.put(JwtClaimNames.EXP, ((Instant) claims.get(JwtClaimNames.IAT)).plus(this.lifetime)));
		if (!accessToken) {
			return;
		}
		String resource = ResourceBinding.resourceOf(context.getAuthorization());
		if (resource == null) {
			throw new OAuth2AuthenticationException(new OAuth2Error(OAuth2ErrorCodes.SERVER_ERROR,
					"The authorization is bound to no resource", null));
		}
		context.getJwsHeader().type(TYPE);
		context.getClaims()
			// a list type Spring's JSON mapper allows when it stores the claims with the authorization
			.audience(Collections.singletonList(resource))
			.claim(OAuth2ParameterNames.CLIENT_ID, context.getRegisteredClient().getClientId())
			.claims(claims -> {
				claims.remove(OAuth2ParameterNames.SCOPE);
				if (!context.getAuthorizedScopes().isEmpty()) {
					claims.put(OAuth2ParameterNames.SCOPE, String.join(" ", new TreeSet<>(context.getAuthorizedScopes())));
				}
			});
	}

}
