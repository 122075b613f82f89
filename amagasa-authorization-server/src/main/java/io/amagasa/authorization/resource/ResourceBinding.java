package io.amagasa.authorization.resource;

import java.util.Map;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;

/**
 * The resource an authorization is bound to. The authorization endpoint resolves the {@code resource}
 * parameter (or the default resource) to the configured identifier and keeps it in the stored authorization
 * request, so that every token of the authorization's family is for that resource only (RFC 8707 §2.2).
 */
public final class ResourceBinding {

	private ResourceBinding() {
	}

	/** @return the configured identifier of the authorization's resource, or {@code null} if it has none */
	public static String resourceOf(OAuth2Authorization authorization) {
		OAuth2AuthorizationRequest request = authorization.getAttribute(OAuth2AuthorizationRequest.class.getName());
		if (request == null) {
			return null;
		}
		Object resource = request.getAdditionalParameters().get(ResourceIndicator.PARAMETER);
		return (resource instanceof String identifier) ? identifier : null;
	}

	/**
	 * A token request may repeat the {@code resource} of its authorization, in any case of scheme and host;
	 * any other value is refused with {@code invalid_target} (RFC 8707 §2.2, AS-10).
	 * @param parameters the token request's additional parameters
	 */
	public static void requireSameResource(Map<String, Object> parameters, OAuth2Authorization authorization) {
		Object requested = parameters.get(ResourceIndicator.PARAMETER);
		if (requested == null) {
			return;
		}
		String bound = resourceOf(authorization);
		boolean same = bound != null && requested instanceof String indicator
				&& ResourceIndicator.normalize(indicator).equals(ResourceIndicator.normalize(bound));
		if (!same) {
			throw new OAuth2AuthenticationException(new OAuth2Error("invalid_target",
					"The resource differs from the one authorized",
					"https://datatracker.ietf.org/doc/html/rfc8707#section-2.2"));
		}
	}

}
