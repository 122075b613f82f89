package io.amagasa.authorization.authorization;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import io.amagasa.authorization.resource.ProtectedResource;
import io.amagasa.authorization.resource.ProtectedResources;
import io.amagasa.authorization.resource.ResourceIndicator;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Completes an authorization request read by Spring Authorization Server's converter (which knows nothing of
 * RFC 8707): the {@code resource} parameter becomes the configured identifier of the resource it names
 * (scheme and host compared case-insensitively), or the default resource when absent (AS-10); with no
 * {@code scope} the request is for the client's registered scopes of that resource (RFC 6749 §3.3
 * "pre-defined default value"). The stored request keeps the resolved values, so consent, the code and every
 * token of the authorization are bound to them. An unknown resource is left as sent, for
 * {@link ResourceIndicatorValidator} to refuse once the redirect URI is validated.
 */
final class AuthorizationRequestDefaults implements AuthenticationConverter {

	private final AuthenticationConverter delegate;

	private final RegisteredClientRepository clients;

	private final ProtectedResources resources;

	AuthorizationRequestDefaults(AuthenticationConverter delegate, RegisteredClientRepository clients,
			ProtectedResources resources) {
		this.delegate = delegate;
		this.clients = clients;
		this.resources = resources;
	}

	@Override
	public Authentication convert(HttpServletRequest request) {
		Authentication converted = this.delegate.convert(request);
		if (!(converted instanceof OAuth2AuthorizationCodeRequestAuthenticationToken authorizationRequest)) {
			return converted;
		}
		Map<String, Object> parameters = new HashMap<>(authorizationRequest.getAdditionalParameters());
		Object requested = parameters.get(ResourceIndicator.PARAMETER);
		ProtectedResource resource = (requested == null) ? this.resources.defaultResource()
				: (requested instanceof String indicator) ? this.resources.find(indicator).orElse(null) : null;
		if (resource == null) {
			return converted;
		}
		parameters.put(ResourceIndicator.PARAMETER, resource.identifier());
		Set<String> scopes = authorizationRequest.getScopes();
		if (scopes.isEmpty()) {
			RegisteredClient client = this.clients.findByClientId(authorizationRequest.getClientId());
			if (client != null) {
				scopes = new LinkedHashSet<>(client.getScopes());
				scopes.retainAll(resource.scopes());
			}
		}
		return new OAuth2AuthorizationCodeRequestAuthenticationToken(authorizationRequest.getAuthorizationUri(),
				authorizationRequest.getClientId(), (Authentication) authorizationRequest.getPrincipal(),
				authorizationRequest.getRedirectUri(), authorizationRequest.getState(), scopes, parameters);
	}

}
