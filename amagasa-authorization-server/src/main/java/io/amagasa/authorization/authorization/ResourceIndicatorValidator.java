package io.amagasa.authorization.authorization;

import java.util.function.Consumer;

import io.amagasa.authorization.AuthorizationServerProperties;
import io.amagasa.authorization.resource.ProtectedResource;
import io.amagasa.authorization.resource.ProtectedResources;
import io.amagasa.authorization.resource.ResourceIndicator;

import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;

/**
 * The {@code resource} of an authorization request (RFC 8707 §2, AS-10): one resource this server knows,
 * else {@code invalid_target}; and scopes that belong to it (or to the server: {@code openid},
 * {@code offline_access}), else {@code invalid_scope}. {@link AuthorizationRequestDefaults} has already
 * resolved a known resource to its configured identifier and a missing one to the default resource.
 */
final class ResourceIndicatorValidator implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

	private static final String TARGET_ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc8707#section-2";

	private static final String SCOPE_ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc6749#section-4.1.2.1";

	private final ProtectedResources resources;

	ResourceIndicatorValidator(ProtectedResources resources) {
		this.resources = resources;
	}

	@Override
	public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
		OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
		Object requested = request.getAdditionalParameters().get(ResourceIndicator.PARAMETER);
		ProtectedResource resource = (requested instanceof String indicator)
				? this.resources.find(indicator).filter(found -> found.identifier().equals(indicator)).orElse(null)
				: null;
		if (resource == null) {
			throw AuthorizationRequestRejection.redirected(context, "invalid_target",
					(requested instanceof String[]) ? "Request one resource at a time"
							: "The resource is not served by this authorization server",
					TARGET_ERROR_URI);
		}
		for (String scope : request.getScopes()) {
			if (!resource.scopes().contains(scope) && !AuthorizationServerProperties.SERVER_SCOPES.contains(scope)) {
				throw AuthorizationRequestRejection.redirected(context, OAuth2ErrorCodes.INVALID_SCOPE,
						"Scope " + scope + " is not a scope of " + resource.identifier(), SCOPE_ERROR_URI);
			}
		}
	}

}
