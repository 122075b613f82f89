package io.amagasa.authorization.consent;

import java.net.URI;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import io.amagasa.authorization.client.ClientDisplayInfoService;
import io.amagasa.authorization.client.LoopbackHost;
import io.amagasa.authorization.resource.ProtectedResources;
import io.amagasa.authorization.resource.ResourceIndicator;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Controller;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The consent page the authorization endpoint redirects to with {@code client_id}, {@code scope} and
 * {@code state}. Everything shown comes from the authorization request the endpoint validated and
 * stored under that {@code state}, not from the query string: the scopes, the redirect URI, the
 * resource. A {@code state} that is unknown, belongs to someone else or to another client gets the
 * error page.
 */
@Controller
final class ConsentController {

	private static final OAuth2TokenType STATE = new OAuth2TokenType(OAuth2ParameterNames.STATE);

	private final OAuth2AuthorizationService authorizations;

	private final RegisteredClientRepository clients;

	private final OAuth2AuthorizationConsentService consents;

	private final ClientDisplayInfoService clientDisplay;

	private final ProtectedResources resources;

	private final ScopeDescriptions scopes;

	private final String authorizationEndpoint;

	ConsentController(OAuth2AuthorizationService authorizations, RegisteredClientRepository clients,
			OAuth2AuthorizationConsentService consents, ClientDisplayInfoService clientDisplay,
			ProtectedResources resources, ScopeDescriptions scopes, String authorizationEndpoint) {
		this.authorizations = authorizations;
		this.clients = clients;
		this.consents = consents;
		this.clientDisplay = clientDisplay;
		this.resources = resources;
		this.scopes = scopes;
		this.authorizationEndpoint = authorizationEndpoint;
	}

	@GetMapping(ConsentConfiguration.CONSENT_PAGE)
	ModelAndView consent(@RequestParam(name = OAuth2ParameterNames.CLIENT_ID, required = false) String clientId,
			@RequestParam(name = OAuth2ParameterNames.STATE, required = false) String state,
			Authentication user, HttpServletRequest request) {
		OAuth2Authorization authorization = StringUtils.hasText(state) ? this.authorizations.findByToken(state, STATE)
				: null;
		OAuth2AuthorizationRequest authorizationRequest = (authorization != null)
				? authorization.getAttribute(OAuth2AuthorizationRequest.class.getName()) : null;
		RegisteredClient client = (authorizationRequest != null)
				? this.clients.findById(authorization.getRegisteredClientId()) : null;
		if (client == null || !authorization.getPrincipalName().equals(user.getName())
				|| !client.getClientId().equals(clientId)) {
			return ErrorPages.page(HttpStatus.BAD_REQUEST,
					"This approval request has expired or is not yours. Go back to the app and start again.");
		}
		String redirectUri = StringUtils.hasText(authorizationRequest.getRedirectUri())
				? authorizationRequest.getRedirectUri() : client.getRedirectUris().iterator().next();
		PagesContentSecurityPolicy.allowFormTargets(request,
				FormActionSources.of(redirectUri, false).map(List::of).orElse(List.of()));
		String redirectHost = redirectHost(redirectUri);
		OAuth2AuthorizationConsent previous = this.consents.findById(client.getId(), user.getName());
		Set<String> granted = (previous != null) ? previous.getScopes() : Collections.emptySet();
		ConsentView view = new ConsentView(user.getName(), this.clientDisplay.forClient(client), redirectHost,
				LoopbackHost.is(URI.create(redirectUri).getHost()),
				this.scopes.describe(authorizationRequest.getScopes(), granted),
				resource(authorizationRequest.getAdditionalParameters().get(ResourceIndicator.PARAMETER)),
				this.authorizationEndpoint, client.getClientId(), state);
		return new ModelAndView("amagasa/consent", "consent", view);
	}

	/** The host, or for a private-use scheme (a native app) the scheme, as AS-25 requires it be shown. */
	private static String redirectHost(String redirectUri) {
		URI uri = URI.create(redirectUri);
		return (uri.getHost() != null) ? uri.getHost() : uri.getScheme() + ":";
	}

	private ConsentView.Resource resource(Object indicator) {
		if (!(indicator instanceof String uri)) {
			return null;
		}
		String name = this.resources.find(uri)
			.map(resource -> resource.name())
			.filter(resourceName -> !resourceName.equals(uri))
			.orElse(null);
		return new ConsentView.Resource(uri, name);
	}

}
