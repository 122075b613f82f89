package io.amagasa.authorization.client;

import java.net.URI;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.amagasa.authorization.AuthorizationServerCustomizer;
import io.amagasa.authorization.AuthorizationServerProperties;
import io.amagasa.authorization.RegisteredClientDefaults;
import io.amagasa.authorization.resource.ProtectedResource;
import io.amagasa.authorization.resource.ProtectedResources;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.web.filter.ForwardedHeaderFilter;

/**
 * A minimal authorization server around this package, shaped like the core's protocol chain: Spring
 * Authorization Server on H2 (its own schema scripts plus our migrations V10 and V11), every
 * {@link AuthorizationServerCustomizer} applied after the chain's own configuration, catch-all
 * authorization rule included, and unauthenticated authorization requests sent to a login page.
 */
@SpringBootConfiguration
@ImportAutoConfiguration({ TomcatServletWebServerAutoConfiguration.class, DispatcherServletAutoConfiguration.class })
@EnableWebSecurity
@Import(ClientIdentificationConfiguration.class)
class ClientIdentificationTestServer {

	/** Reports X-Forwarded-For as the client address, as a deployment behind a proxy does (rate limit per address). */
	@Bean
	FilterRegistrationBean<ForwardedHeaderFilter> forwardedHeaderFilter() {
		FilterRegistrationBean<ForwardedHeaderFilter> registration = new FilterRegistrationBean<>(new ForwardedHeaderFilter());
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	@Bean
	DataSource dataSource() {
		return new EmbeddedDatabaseBuilder().setType(EmbeddedDatabaseType.H2)
			.generateUniqueName(true)
			.addScripts("org/springframework/security/oauth2/server/authorization/client/oauth2-registered-client-schema.sql",
					"org/springframework/security/oauth2/server/authorization/oauth2-authorization-schema.sql",
					"org/springframework/security/oauth2/server/authorization/oauth2-authorization-consent-schema.sql",
					"db/amagasa/V10__client_id_metadata_documents.sql",
					"db/amagasa/V11__dynamic_client_registrations.sql")
			.build();
	}

	@Bean
	JdbcTemplate jdbcTemplate(DataSource dataSource) {
		return new JdbcTemplate(dataSource);
	}

	@Bean
	DataSourceTransactionManager transactionManager(DataSource dataSource) {
		return new DataSourceTransactionManager(dataSource);
	}

	@Bean
	RegisteredClientRepository registeredClientRepository(JdbcTemplate jdbc) {
		return new JdbcRegisteredClientRepository(jdbc);
	}

	@Bean
	OAuth2AuthorizationService authorizationService(JdbcTemplate jdbc, RegisteredClientRepository clients) {
		return new JdbcOAuth2AuthorizationService(jdbc, clients);
	}

	@Bean
	AuthorizationServerSettings authorizationServerSettings() {
		return AuthorizationServerSettings.builder().build();
	}

	/** Allowed scopes left unset default to these plus openid and offline_access. */
	@Bean
	ProtectedResources protectedResources() {
		return new ProtectedResources(List.of(new ProtectedResource(URI.create("http://localhost/mcp"), "MCP",
				Set.of("mcp:tools", "mcp:admin"))), "test");
	}

	@Bean
	RegisteredClientDefaults registeredClientDefaults() {
		return new RegisteredClientDefaults(new AuthorizationServerProperties.Tokens(Duration.ofMinutes(10),
				Duration.ofDays(30), Duration.ofMinutes(2), Duration.ofSeconds(10)));
	}

	@Bean
	JWKSource<SecurityContext> jwkSource() throws NoSuchAlgorithmException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(2048);
		KeyPair keys = generator.generateKeyPair();
		return new ImmutableJWKSet<>(new JWKSet(new RSAKey.Builder((RSAPublicKey) keys.getPublic())
			.privateKey((RSAPrivateKey) keys.getPrivate())
			.keyID("test")
			.build()));
	}

	@Bean
	JwtDecoder jwtDecoder(JWKSource<SecurityContext> jwkSource) {
		return OAuth2AuthorizationServerConfiguration.jwtDecoder(jwkSource);
	}

	@Bean
	SecurityFilterChain protocolEndpoints(HttpSecurity http, AuthorizationServerSettings settings,
			List<AuthorizationServerCustomizer> customizers) throws Exception {
		http.oauth2AuthorizationServer(server -> {
		});
		OAuth2AuthorizationServerConfigurer server = http.getConfigurer(OAuth2AuthorizationServerConfigurer.class);
		http.securityMatcher(server.getEndpointsMatcher())
			.authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
			.exceptionHandling(exceptions -> exceptions.defaultAuthenticationEntryPointFor(
					new LoginUrlAuthenticationEntryPoint("/login"),
					PathPatternRequestMatcher.withDefaults().matcher(settings.getAuthorizationEndpoint())));
		for (AuthorizationServerCustomizer customizer : customizers) {
			customizer.customize(http, server);
		}
		return http.build();
	}

}
