package io.amagasa.authorization.consent;

import java.net.URI;
import java.util.Set;
import java.util.TreeSet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;

/**
 * The authorization request that sent a person to the login page, as the authorization endpoint saved
 * it in the session (Spring Security's request cache). After signing in the browser goes back to it,
 * and from there, when consent was given before, straight on to the client's redirect URI: the login
 * form's policy must allow the client's registered redirect targets.
 */
final class PendingAuthorization {

	private static final Logger log = LoggerFactory.getLogger(PendingAuthorization.class);

	private final HttpSessionRequestCache requests = new HttpSessionRequestCache();

	private final String authorizationEndpoint;

	private final RegisteredClientRepository clients;

	PendingAuthorization(String authorizationEndpoint, RegisteredClientRepository clients) {
		this.authorizationEndpoint = authorizationEndpoint;
		this.clients = clients;
	}

	/** The {@code form-action} sources of the pending request's client; none without one. */
	Set<String> redirectTargets(HttpServletRequest request, HttpServletResponse response) {
		Set<String> targets = new TreeSet<>();
		SavedRequest saved = this.requests.getRequest(request, response);
		if (saved == null) {
			return targets;
		}
		try {
			String[] clientIds = saved.getParameterValues(OAuth2ParameterNames.CLIENT_ID);
			if (!URI.create(saved.getRedirectUrl()).getPath().equals(request.getContextPath() + this.authorizationEndpoint)
					|| clientIds == null || clientIds.length != 1) {
				return targets;
			}
			RegisteredClient client = this.clients.findByClientId(clientIds[0]);
			if (client != null) {
				client.getRedirectUris()
					.forEach(uri -> FormActionSources.of(uri, true).ifPresent(targets::add));
			}
		}
		catch (RuntimeException unavailable) {
			// the login page still works; only the redirect to this client after signing in would be blocked
			log.debug("No client for the pending authorization request", unavailable);
		}
		return targets;
	}

}
