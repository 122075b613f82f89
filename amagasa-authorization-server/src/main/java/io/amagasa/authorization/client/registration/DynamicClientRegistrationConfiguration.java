package io.amagasa.authorization.client.registration;

import java.time.Clock;

import io.amagasa.authorization.AuthorizationServerCustomizer;
import io.amagasa.authorization.RegisteredClientDefaults;
import io.amagasa.authorization.client.SelfRegisteredClientScopes;
import io.amagasa.authorization.resource.ProtectedResources;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientRegistrationAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.web.filter.CorsFilter;

/**
 * Dynamic Client Registration (RFC 7591; AS-27, AS-28), on unless
 * {@code amagasa.authorization-server.clients.registration.enabled=false}. Its
 * {@link AuthorizationServerCustomizer}:
 * <ul>
 * <li>enables Spring Authorization Server's RFC 7591 endpoint
 * ({@code OAuth2ClientRegistrationEndpointConfigurer}; {@code registration_endpoint} then appears in the
 * server metadata) and replaces its authentication provider by one with our policy
 * ({@link ClientMetadataPolicy}), our client conversion ({@link DynamicClientConverter}) and a repository
 * that records each registration ({@link RecordingRegisteredClientRepository});</li>
 * <li>when registration is open, lets unauthenticated POSTs to the endpoint through the chain's
 * authorization rules ({@link OpenRegistrationAccess});</li>
 * <li>adds the admission filter (rate limit, cap) in front of the endpoint.</li>
 * </ul>
 * A lifecycle bean deletes registrations never used. Registered clients get the settings of every client
 * ({@link RegisteredClientDefaults}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ClientRegistrationProperties.class)
@ConditionalOnProperty(prefix = "amagasa.authorization-server.clients.registration", name = "enabled",
		havingValue = "true", matchIfMissing = true)
public class DynamicClientRegistrationConfiguration {

	@Bean
	DynamicClientRegistry dynamicClientRegistry(RegisteredClientRepository clients, JdbcOperations jdbc,
			PlatformTransactionManager transactions) {
		return new DynamicClientRegistry(clients, jdbc, transactions, Clock.systemUTC());
	}

	@Bean
	UnusedRegistrationCleanup unusedRegistrationCleanup(DynamicClientRegistry registry,
			ClientRegistrationProperties properties) {
		return new UnusedRegistrationCleanup(registry, properties.unusedClientLifetime(), properties.cleanupInterval());
	}

	@Bean
	AuthorizationServerCustomizer dynamicClientRegistrationCustomizer(ClientRegistrationProperties properties,
			DynamicClientRegistry registry, RegisteredClientRepository clients,
			RegisteredClientDefaults defaults, ProtectedResources resources,
			ObjectProvider<OAuth2AuthorizationService> authorizations,
			ObjectProvider<PasswordEncoder> passwordEncoder, ObjectProvider<AuthorizationServerSettings> settings) {
		return (http, authorizationServer) -> {
			AuthorizationServerSettings serverSettings = settings
				.getIfAvailable(() -> AuthorizationServerSettings.builder().build());
			String endpoint = serverSettings.getClientRegistrationEndpoint();
			RequestMatcher registrationEndpoint = PathPatternRequestMatcher.withDefaults()
				.matcher(HttpMethod.POST, serverSettings.isMultipleIssuersAllowed() ? "/**" + endpoint : endpoint);

			OAuth2ClientRegistrationAuthenticationProvider provider = new OAuth2ClientRegistrationAuthenticationProvider(
					new RecordingRegisteredClientRepository(clients, registry), authorizations.getObject());
			provider.setOpenRegistrationAllowed(properties.open());
			provider.setAuthenticationValidator(new ClientMetadataPolicy());
			provider.setRegisteredClientConverter(new DynamicClientConverter(
					SelfRegisteredClientScopes.of(properties.allowedScopes(), resources), defaults));
			passwordEncoder.ifAvailable(provider::setPasswordEncoder);

			authorizationServer.clientRegistrationEndpoint(registration -> registration
				.openRegistrationAllowed(properties.open())
				.authenticationProviders(providers -> providers.replaceAll(
						candidate -> (candidate instanceof OAuth2ClientRegistrationAuthenticationProvider) ? provider
								: candidate)));
			if (properties.open()) {
				http.authorizeHttpRequests(Customizer.withDefaults());
				@SuppressWarnings("unchecked")
				AuthorizeHttpRequestsConfigurer<HttpSecurity> rules = http.getConfigurer(AuthorizeHttpRequestsConfigurer.class);
				rules.withObjectPostProcessor(new OpenRegistrationAccess(registrationEndpoint));
			}
			http.addFilterAfter(new RegistrationAdmissionFilter(registrationEndpoint,
					new RegistrationRateLimiter(properties.rateLimit().requests(), properties.rateLimit().period(),
							Clock.systemUTC()),
					registry, properties.maxClients()), CorsFilter.class);
		};
	}

}
