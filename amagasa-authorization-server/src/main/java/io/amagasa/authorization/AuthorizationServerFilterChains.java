package io.amagasa.authorization;

import java.util.ArrayList;
import java.util.List;

import io.amagasa.authorization.authorization.AuthorizationEndpointProfile;
import io.amagasa.authorization.metadata.IssuerIdentifier;
import io.amagasa.authorization.metadata.IssuerPathMetadataFilter;
import io.amagasa.authorization.metadata.McpMetadataProfile;
import io.amagasa.authorization.token.TokenEndpointProfile;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.preauth.AbstractPreAuthenticatedProcessingFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The authorization server's two filter chains, ahead of any other:
 * <ol>
 * <li>the protocol endpoints (metadata, authorization, token, revocation, introspection, JWK set, OpenID
 * Connect), Spring Authorization Server's with the MCP profile, plus every {@link AuthorizationServerCustomizer};</li>
 * <li>the user-facing pages (login, logout, consent, account), built from the {@link UserPagesCustomizer}s,
 * or Spring Security's form login when there are none.</li>
 * </ol>
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerFilterChains {

	static final int PROTOCOL_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	static final int USER_PAGES_ORDER = PROTOCOL_ORDER + 10;

	@Bean
	@Order(PROTOCOL_ORDER)
	SecurityFilterChain authorizationServerFilterChain(HttpSecurity http, IssuerIdentifier issuer,
			AuthorizationServerSettings settings, AuthorizationEndpointProfile authorizationEndpoint,
			TokenEndpointProfile tokenEndpoint, McpMetadataProfile metadata, LoginPage loginPage,
			ObjectProvider<AuthorizationServerCustomizer> customizers) throws Exception {
		http.oauth2AuthorizationServer(server -> server.authorizationEndpoint(authorizationEndpoint::applyTo)
			.tokenEndpoint(tokenEndpoint::applyTo)
			.clientAuthentication(tokenEndpoint::applyTo)
			.tokenRevocationEndpoint(tokenEndpoint::applyTo)
			.tokenIntrospectionEndpoint(tokenEndpoint::applyTo)
			.authorizationServerMetadataEndpoint(endpoint -> endpoint
				.authorizationServerMetadataCustomizer(document -> document.claims(metadata)))
			.oidc(oidc -> oidc.providerConfigurationEndpoint(endpoint -> endpoint
				.providerConfigurationCustomizer(document -> document.claims(metadata)))));
		OAuth2AuthorizationServerConfigurer server = http.getConfigurer(OAuth2AuthorizationServerConfigurer.class);
		IssuerPathMetadataFilter pathInsertion = new IssuerPathMetadataFilter(issuer);
		RequestMatcher authorizationRequests = PathPatternRequestMatcher.withDefaults()
			.matcher(settings.getAuthorizationEndpoint());
		RequestMatcher clientRequests = new OrRequestMatcher(post(settings.getTokenEndpoint()),
				post(settings.getTokenRevocationEndpoint()), post(settings.getTokenIntrospectionEndpoint()));
		BrowserClientCors cors = new BrowserClientCors(settings);
		http.securityMatchers(matchers -> matchers.requestMatchers(server.getEndpointsMatcher(), pathInsertion.matcher(),
				preflight(cors.endpoints())))
			.cors(configurer -> configurer.configurationSource(cors))
			.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
			.exceptionHandling(exceptions -> exceptions
				// the login page's public URL, from configuration rather than request headers
				.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint(issuer.endpoint(loginPage.path())),
						authorizationRequests)
				.defaultAuthenticationEntryPointFor(tokenEndpoint.unauthenticatedClient(), clientRequests))
			.addFilterBefore(pathInsertion, AbstractPreAuthenticatedProcessingFilter.class)
			.addFilterBefore(new TemporarilyUnavailableFilter(new OrRequestMatcher(clientRequests,
					post(settings.getClientRegistrationEndpoint()))), SecurityContextHolderFilter.class);
		for (AuthorizationServerCustomizer customizer : customizers.orderedStream().toList()) {
			customizer.customize(http, server);
		}
		return http.build();
	}

	@Bean
	@Order(USER_PAGES_ORDER)
	SecurityFilterChain userPagesFilterChain(HttpSecurity http, LoginPage loginPage,
			ObjectProvider<ConsentPage> consentPage, ObjectProvider<UserPagesCustomizer> customizers) throws Exception {
		List<String> paths = new ArrayList<>(List.of(loginPage.path(), "/logout", "/account/**"));
		consentPage.ifAvailable(page -> paths.add(page.path()));
		http.securityMatchers(matchers -> matchers.requestMatchers(paths.toArray(String[]::new)));
		List<UserPagesCustomizer> pages = customizers.orderedStream().toList();
		if (pages.isEmpty()) {
			// Spring's generated login and logout pages at /login and /logout
			http.formLogin(form -> form.permitAll()).logout(logout -> logout.permitAll());
		}
		for (UserPagesCustomizer customizer : pages) {
			customizer.customize(http);
		}
		http.authorizeHttpRequests(requests -> requests.anyRequest().authenticated());
		return http.build();
	}

	private static RequestMatcher post(String path) {
		return PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, path);
	}

	/** CORS preflights to the endpoints browser-based clients call: answered by the CORS filter of this chain. */
	private static RequestMatcher preflight(RequestMatcher endpoints) {
		return request -> HttpMethod.OPTIONS.matches(request.getMethod()) && endpoints.matches(request);
	}

}
