package io.amagasa.authorization;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import io.amagasa.authorization.authorization.AuthorizationEndpointProfile;
import io.amagasa.authorization.client.ClientIdentificationConfiguration;
import io.amagasa.authorization.consent.ConsentConfiguration;
import io.amagasa.authorization.key.SignatureProviderSelection;
import io.amagasa.authorization.key.SigningKeyJwtEncoder;
import io.amagasa.authorization.key.SigningKeys;
import io.amagasa.authorization.metadata.IssuerIdentifier;
import io.amagasa.authorization.metadata.McpMetadataProfile;
import io.amagasa.authorization.resource.ProtectedResource;
import io.amagasa.authorization.resource.ProtectedResources;
import io.amagasa.authorization.store.ConfiguredClients;
import io.amagasa.authorization.store.ExpiredGrantCleanup;
import io.amagasa.authorization.store.StoredJsonMemo;
import io.amagasa.authorization.store.RedeemedAuthorizations;
import io.amagasa.authorization.store.RequestScopedClients;
import io.amagasa.authorization.store.RedemptionLedger;
import io.amagasa.authorization.token.AccessTokenClaims;
import io.amagasa.authorization.token.RefreshTokenGenerator;
import io.amagasa.authorization.token.TokenEndpointProfile;
import io.amagasa.authorization.token.TokenFamilyRevocation;
import io.amagasa.authorization.user.UserLoginConfiguration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerAutoConfiguration;
import org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerJwtAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.JdbcOAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.JwtGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.StringUtils;

/**
 * The embedded OAuth 2.1 authorization server: Spring Authorization Server with the MCP profile, its state
 * (clients, authorizations, consents, signing keys, redemptions) in the database through Flyway. Spring's
 * own JDBC services, settings and token generator are the beans Spring Authorization Server picks up; the
 * filter chains are in {@link AuthorizationServerFilterChains}.
 */
@AutoConfiguration(
		after = { DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
				JdbcTemplateAutoConfiguration.class, FlywayAutoConfiguration.class },
		before = { OAuth2AuthorizationServerAutoConfiguration.class, OAuth2AuthorizationServerJwtAutoConfiguration.class,
				UserDetailsServiceAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(AuthorizationServerProperties.class)
// The client, login and consent configurations register before this class's @ConditionalOnMissingBean
// defaults, so their user store, LoginPage and ConsentPage win.
@Import({ ClientIdentificationConfiguration.class, UserLoginConfiguration.class, ConsentConfiguration.class,
		AuthorizationServerFilterChains.class })
public class EmbeddedAuthorizationServerAutoConfiguration {

	/** The most clock skew a resource server tolerates on {@code exp} (the Amagasa resource server's limit). */
	private static final Duration RESOURCE_SERVER_CLOCK_SKEW = Duration.ofMinutes(5);

	private final Clock clock = Clock.systemUTC();

	/** The JSON columns of the client and authorization stores, one memo for both. */
	private final StoredJsonMemo storedJson = StoredJsonMemo.withSecurityModules();

	@Bean
	IssuerIdentifier issuerIdentifier(AuthorizationServerProperties properties, Environment environment) {
		String setting = AuthorizationServerProperties.PREFIX + ".issuer";
		String value;
		if (properties.issuer() != null) {
			value = properties.issuer().toString();
		}
		else if (StringUtils.hasText(environment.getProperty("amagasa.public-base-url"))) {
			setting = "amagasa.public-base-url";
			value = environment.getProperty(setting);
		}
		else {
			int port = environment.getProperty("server.port", Integer.class, 8080);
			if (port == 0) {
				throw new IllegalStateException(AuthorizationServerProperties.PREFIX + ".issuer (or amagasa.public-base-url) "
						+ "must be set when server.port is 0: the issuer cannot be derived from an unknown port");
			}
			value = "http://localhost:" + port;
		}
		try {
			return new IssuerIdentifier(value);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(setting + ": " + ex.getMessage(), ex);
		}
	}

	@Bean
	ProtectedResources protectedResources(AuthorizationServerProperties properties,
			ObjectProvider<ProtectedResource> applicationResources) {
		String setting = AuthorizationServerProperties.PREFIX + ".resources";
		if (properties.resources().isEmpty()) {
			return new ProtectedResources(applicationResources.orderedStream().toList(), setting);
		}
		List<ProtectedResource> resources = new ArrayList<>();
		for (int i = 0; i < properties.resources().size(); i++) {
			AuthorizationServerProperties.Resource resource = properties.resources().get(i);
			if (resource.uri() == null) {
				throw new IllegalArgumentException(setting + "[" + i + "].uri is not set: expected the resource "
						+ "identifier, e.g. https://mcp.example.com/mcp");
			}
			try {
				resources.add(new ProtectedResource(resource.uri(), resource.name(), new LinkedHashSet<>(resource.scopes())));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException(setting + "[" + i + "]: " + ex.getMessage(), ex);
			}
		}
		return new ProtectedResources(resources, setting);
	}

	@Bean
	AuthorizationServerSettings authorizationServerSettings(IssuerIdentifier issuer) {
		return AuthorizationServerSettings.builder().issuer(issuer.value()).build();
	}

	@Bean
	RegisteredClientDefaults registeredClientDefaults(AuthorizationServerProperties properties) {
		return new RegisteredClientDefaults(properties.tokens());
	}

	@Bean
	@ConditionalOnMissingBean
	RegisteredClientRepository registeredClientRepository(JdbcOperations jdbc) {
		JdbcRegisteredClientRepository clients = new JdbcRegisteredClientRepository(jdbc);
		clients.setRegisteredClientRowMapper(
				new JdbcRegisteredClientRepository.JsonMapperRegisteredClientRowMapper(this.storedJson));
		return new RequestScopedClients(clients);
	}

	@Bean
	@ConditionalOnMissingBean
	OAuth2AuthorizationService authorizationService(JdbcOperations jdbc, RegisteredClientRepository clients) {
		RedeemedAuthorizations authorizations = new RedeemedAuthorizations(jdbc, clients);
		authorizations.setAuthorizationRowMapper(
				new JdbcOAuth2AuthorizationService.JsonMapperOAuth2AuthorizationRowMapper(clients, this.storedJson));
		authorizations.setAuthorizationParametersMapper(
				new JdbcOAuth2AuthorizationService.JsonMapperOAuth2AuthorizationParametersMapper(this.storedJson));
		return authorizations;
	}

	@Bean
	@ConditionalOnMissingBean
	OAuth2AuthorizationConsentService authorizationConsentService(JdbcOperations jdbc,
			RegisteredClientRepository clients) {
		return new JdbcOAuth2AuthorizationConsentService(jdbc, clients);
	}

	@Bean
	SigningKeys signingKeys(JdbcOperations jdbc, AuthorizationServerProperties properties) {
		AuthorizationServerProperties.Keys keys = properties.keys();
		// access and ID tokens live for the access-token lifetime (AccessTokenClaims)
		Duration retention = properties.tokens().accessTokenTimeToLive().plus(RESOURCE_SERVER_CLOCK_SKEW);
		return new SigningKeys(jdbc, this.clock, keys.rotationInterval(), keys.prePublication(), retention);
	}

	@Bean
	JwtEncoder jwtEncoder(SigningKeys keys, AuthorizationServerProperties properties) {
		return new SigningKeyJwtEncoder(keys, SignatureProviderSelection.select(properties.keys().signatureProvider()));
	}

	@Bean
	OAuth2TokenGenerator<?> tokenGenerator(JwtEncoder encoder, AuthorizationServerProperties properties) {
		JwtGenerator jwts = new JwtGenerator(encoder);
		jwts.setJwtCustomizer(new AccessTokenClaims(properties.tokens().accessTokenTimeToLive()));
		return new DelegatingOAuth2TokenGenerator(jwts, new RefreshTokenGenerator(this.clock));
	}

	@Bean
	RedemptionLedger redemptionLedger(JdbcOperations jdbc) {
		return new RedemptionLedger(jdbc);
	}

	@Bean
	TokenFamilyRevocation tokenFamilyRevocation(OAuth2AuthorizationService authorizations, RedemptionLedger ledger,
			PlatformTransactionManager transactions) {
		return new TokenFamilyRevocation(authorizations, ledger, new TransactionTemplate(transactions), this.clock);
	}

	@Bean
	ConfiguredClients configuredClients(AuthorizationServerProperties properties, ProtectedResources resources,
			RegisteredClientRepository clients, RegisteredClientDefaults defaults, JdbcOperations jdbc,
			PlatformTransactionManager transactions) {
		return new ConfiguredClients(properties.registeredClients(), resources, clients, defaults, jdbc,
				new TransactionTemplate(transactions));
	}

	@Bean
	AuthorizationServerMaintenance authorizationServerMaintenance(SigningKeys keys, JdbcOperations jdbc,
			RedemptionLedger ledger) {
		return new AuthorizationServerMaintenance(keys, new ExpiredGrantCleanup(jdbc, ledger, this.clock));
	}

	@Bean
	McpMetadataProfile mcpMetadataProfile(ProtectedResources resources,
			@Value("${amagasa.authorization-server.clients.cimd.enabled:true}") boolean metadataDocuments) {
		return new McpMetadataProfile(resources, metadataDocuments);
	}

	@Bean
	AuthorizationEndpointProfile authorizationEndpointProfile(IssuerIdentifier issuer, ProtectedResources resources,
			RegisteredClientRepository clients, OAuth2AuthorizationService authorizations,
			ObjectProvider<ConsentPage> consentPage) {
		return new AuthorizationEndpointProfile(issuer, resources, clients, authorizations, consentPage.getIfAvailable());
	}

	@Bean
	TokenEndpointProfile tokenEndpointProfile(OAuth2AuthorizationService authorizations,
			RegisteredClientRepository clients, AuthorizationServerSettings settings, RedemptionLedger ledger,
			TokenFamilyRevocation revocation, PlatformTransactionManager transactions,
			AuthorizationServerProperties properties) {
		return new TokenEndpointProfile(authorizations, clients, settings, ledger, revocation,
				new TransactionTemplate(transactions), this.clock, properties.tokens().refreshTokenReuseGrace());
	}

	@Bean
	@ConditionalOnMissingBean
	LoginPage loginPage() {
		return new LoginPage("/login");
	}

}
