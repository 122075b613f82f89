package io.amagasa.authorization.authorization;

import java.util.function.Consumer;

import io.amagasa.authorization.ConsentPage;
import io.amagasa.authorization.metadata.IssuerIdentifier;
import io.amagasa.authorization.resource.ProtectedResources;

import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationEndpointConfigurer;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AuthorizationCodeRequestAuthenticationConverter;

/**
 * The authorization endpoint's MCP profile, on Spring Authorization Server's endpoint: resource indicators
 * and default scopes, the loopback redirect rule, PKCE {@code S256} for every client, {@code iss} in every
 * response, error pages instead of redirects to untrusted URIs, and the consent page when one is provided.
 * A consent that approves no scope is a denial ({@link ConsentDecision}). The validators run in this order, so that an error is redirected only once the redirect URI is validated:
 * redirect URI, client scopes (Spring's), PKCE, resource and its scopes.
 */
public final class AuthorizationEndpointProfile {

	private final IssuerIdentifier issuer;

	private final ProtectedResources resources;

	private final RegisteredClientRepository clients;

	private final ConsentPage consentPage;

	private final OAuth2AuthorizationService authorizations;

	/**
	 * @param consentPage the consent page, or {@code null} for Spring Authorization Server's
	 */
	public AuthorizationEndpointProfile(IssuerIdentifier issuer, ProtectedResources resources,
			RegisteredClientRepository clients, OAuth2AuthorizationService authorizations, ConsentPage consentPage) {
		this.issuer = issuer;
		this.resources = resources;
		this.clients = clients;
		this.consentPage = consentPage;
		this.authorizations = authorizations;
	}

	public void applyTo(OAuth2AuthorizationEndpointConfigurer endpoint) {
		endpoint
			.authorizationRequestConverters(converters -> converters
				.replaceAll(converter -> (converter instanceof OAuth2AuthorizationCodeRequestAuthenticationConverter)
						? new AuthorizationRequestDefaults(converter, this.clients, this.resources) : converter))
			.authenticationProviders(providers -> providers.replaceAll(provider -> {
				if (provider instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider authorizationRequests) {
					authorizationRequests.setAuthenticationValidator(validator());
				}
				if (provider instanceof OAuth2AuthorizationConsentAuthenticationProvider consents) {
					return new ConsentDecision(consents, this.authorizations);
				}
				return provider;
			}))
			.authorizationResponseHandler(new AuthorizationResponseHandler(this.issuer))
			.errorResponseHandler(new AuthorizationErrorHandler(this.issuer));
		if (this.consentPage != null) {
			endpoint.consentPage(this.consentPage.path());
		}
	}

	private Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> validator() {
		return new RedirectUriValidator()
			.andThen(OAuth2AuthorizationCodeRequestAuthenticationValidator.DEFAULT_SCOPE_VALIDATOR)
			.andThen(new ProofKeyValidator())
			.andThen(new ResourceIndicatorValidator(this.resources));
	}

}
