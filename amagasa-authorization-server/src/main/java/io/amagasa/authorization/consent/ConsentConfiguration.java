package io.amagasa.authorization.consent;

import io.amagasa.authorization.AuthorizationServerCustomizer;
import io.amagasa.authorization.ConsentPage;
import io.amagasa.authorization.LoginPage;
import io.amagasa.authorization.UserPagesCustomizer;
import io.amagasa.authorization.client.ClientDisplayInfoService;
import io.amagasa.authorization.resource.ProtectedResources;
import io.amagasa.authorization.token.TokenFamilyRevocation;
import io.amagasa.authorization.user.UserLoginConfiguration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorViewResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Consent: the consent page the authorization endpoint sends people to (AS-25, AS-26, AS-33), the
 * account page where they see and revoke what they allowed (SBP-01), the error page, and the security
 * headers of all user-facing pages. Import this class next to {@link UserLoginConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(ConsentProperties.class)
public class ConsentConfiguration {

	static final String CONSENT_PAGE = "/consent";

	static final String ACCOUNT_PAGE = UserLoginConfiguration.ACCOUNT_PAGE;

	static final String REVOKE = ACCOUNT_PAGE + "/consents/revoke";

	private static final String ERROR_PAGE = "/error";

	@Bean
	ConsentPage consentPage() {
		return new ConsentPage(CONSENT_PAGE);
	}

	@Bean
	ScopeDescriptions scopeDescriptions(ConsentProperties properties) {
		return new ScopeDescriptions(properties.scopeDescriptions());
	}

	/**
	 * Wraps the authorization endpoint's consent provider in {@link ConsentDecisions} as Spring
	 * Authorization Server builds it, through the configurer's object post-processing: the endpoint's
	 * provider list (the MCP profile's) is left as it is.
	 */
	@Bean
	AuthorizationServerCustomizer consentDecisions(OAuth2AuthorizationService authorizations,
			RegisteredClientRepository clients, OAuth2AuthorizationConsentService consents) {
		return (http, server) -> server.withObjectPostProcessor(new ObjectPostProcessor<AuthenticationProvider>() {

			@Override
			@SuppressWarnings("unchecked")
			public <P extends AuthenticationProvider> P postProcess(P provider) {
				return provider.supports(OAuth2AuthorizationConsentAuthenticationToken.class)
						? (P) new ConsentDecisions(provider, authorizations, clients, consents) : provider;
			}

		});
	}

	@Bean
	ConsentController consentController(OAuth2AuthorizationService authorizations, RegisteredClientRepository clients,
			OAuth2AuthorizationConsentService consents, ObjectProvider<ClientDisplayInfoService> clientDisplay,
			ProtectedResources resources, ScopeDescriptions scopes, AuthorizationServerSettings settings) {
		return new ConsentController(authorizations, clients, consents,
				clientDisplay.getIfAvailable(ClientDisplayInfoService::new), resources, scopes,
				settings.getAuthorizationEndpoint());
	}

	@Bean
	RememberedConsents rememberedConsents(JdbcOperations jdbc, OAuth2AuthorizationConsentService consents,
			RegisteredClientRepository clients, ObjectProvider<ClientDisplayInfoService> clientDisplay,
			TokenFamilyRevocation revocation, ScopeDescriptions scopes) {
		return new RememberedConsents(jdbc, consents, clients, clientDisplay.getIfAvailable(ClientDisplayInfoService::new),
				revocation, scopes);
	}

	@Bean
	AccountController accountController(RememberedConsents consents) {
		return new AccountController(consents);
	}

	@Bean
	ErrorViewResolver errorPages() {
		return new ErrorPages();
	}

	/**
	 * The headers of every user-facing page (AS-33, SBP-02): the {@link PagesContentSecurityPolicy},
	 * {@code X-Frame-Options: DENY}, {@code Referrer-Policy: no-referrer} (the consent page's URL carries
	 * the consent state), plus Spring Security's defaults (no caching, {@code nosniff}, HSTS over HTTPS).
	 * The error page joins the chain, open to all, so that it gets the same headers and is never itself
	 * refused.
	 */
	@Bean
	UserPagesCustomizer pageSecurityHeaders(LoginPage loginPage, RegisteredClientRepository clients,
			AuthorizationServerSettings settings) {
		PagesContentSecurityPolicy policy = new PagesContentSecurityPolicy(
				PathPatternRequestMatcher.withDefaults().matcher(loginPage.path()),
				new PendingAuthorization(settings.getAuthorizationEndpoint(), clients));
		return http -> http.securityMatchers(matchers -> matchers.requestMatchers(ERROR_PAGE))
			.authorizeHttpRequests(requests -> requests.requestMatchers(ERROR_PAGE).permitAll())
			.headers(headers -> headers.frameOptions(frameOptions -> frameOptions.deny())
				.referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.NO_REFERRER))
				.addHeaderWriter(policy));
	}

}
