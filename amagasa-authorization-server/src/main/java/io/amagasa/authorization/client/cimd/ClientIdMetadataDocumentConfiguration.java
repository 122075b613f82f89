package io.amagasa.authorization.client.cimd;

import java.security.NoSuchAlgorithmException;
import java.time.Clock;

import javax.net.ssl.SSLContext;

import com.github.benmanes.caffeine.cache.Ticker;
import io.amagasa.authorization.AuthorizationServerCustomizer;
import io.amagasa.authorization.RegisteredClientDefaults;
import io.amagasa.authorization.client.SelfRegisteredClientScopes;
import io.amagasa.authorization.resource.ProtectedResources;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.web.filter.CorsFilter;

/**
 * Client ID Metadata Documents, on unless {@code amagasa.authorization-server.clients.cimd.enabled=false}:
 * <ul>
 * <li>wraps the application's {@link RegisteredClientRepository} bean in a
 * {@link CimdRegisteredClientRepository} (a bean post-processor, so every user of the repository, the
 * protocol endpoints and the JDBC authorization and consent services alike, sees metadata-document
 * clients);</li>
 * <li>contributes an {@link AuthorizationServerCustomizer} that puts the refusal page in front of the
 * authorization endpoint.</li>
 * </ul>
 * Metadata-document clients get the settings of every client ({@link RegisteredClientDefaults}: PKCE,
 * refresh-token rotation, the configured token lifetimes) and always require consent.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ClientIdMetadataDocumentProperties.class)
@ConditionalOnProperty(prefix = "amagasa.authorization-server.clients.cimd", name = "enabled", havingValue = "true",
		matchIfMissing = true)
public class ClientIdMetadataDocumentConfiguration {

	@Bean(destroyMethod = "close")
	MetadataDocumentFetcher metadataDocumentFetcher(ClientIdMetadataDocumentProperties properties)
			throws NoSuchAlgorithmException {
		return new MetadataDocumentFetcher(properties, SystemDefaultDnsResolver.INSTANCE, SSLContext.getDefault(),
				Clock.systemUTC());
	}

	@Bean
	ClientIdMetadataDocumentResolver clientIdMetadataDocumentResolver(ClientIdMetadataDocumentProperties properties,
			MetadataDocumentFetcher fetcher, ProtectedResources resources, RegisteredClientDefaults defaults) {
		return new ClientIdMetadataDocumentResolver(properties, fetcher,
				SelfRegisteredClientScopes.of(properties.allowedScopes(), resources), defaults, Ticker.systemTicker());
	}

	@Bean
	MetadataDocumentClientIds metadataDocumentClientIds(JdbcOperations jdbc, PlatformTransactionManager transactions) {
		return new MetadataDocumentClientIds(jdbc, transactions, Clock.systemUTC());
	}

	/**
	 * Wraps every {@link RegisteredClientRepository} bean (there is one: the JDBC store). Inject the
	 * repository by its interface: the bean is a {@link CimdRegisteredClientRepository} afterwards.
	 */
	@Bean
	static BeanPostProcessor cimdRegisteredClientRepositoryDecorator(
			ObjectProvider<ClientIdMetadataDocumentResolver> resolver, ObjectProvider<MetadataDocumentClientIds> clientIds) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof RegisteredClientRepository repository
						&& !(bean instanceof CimdRegisteredClientRepository)) {
					return new CimdRegisteredClientRepository(repository, resolver.getObject(), clientIds.getObject());
				}
				return bean;
			}

		};
	}

	@Bean
	AuthorizationServerCustomizer clientIdMetadataDocumentAuthorizationCustomizer(RegisteredClientRepository clients,
			ObjectProvider<AuthorizationServerSettings> settings) {
		if (!(clients instanceof CimdRegisteredClientRepository metadataDocumentClients)) {
			throw new IllegalStateException("The RegisteredClientRepository bean is not decorated for Client ID "
					+ "Metadata Documents: " + clients.getClass().getName());
		}
		return (http, authorizationServer) -> {
			AuthorizationServerSettings serverSettings = settings
				.getIfAvailable(() -> AuthorizationServerSettings.builder().build());
			String endpoint = serverSettings.getAuthorizationEndpoint();
			String pattern = serverSettings.isMultipleIssuersAllowed() ? "/**" + endpoint : endpoint;
			http.addFilterAfter(new ClientIdentifierUrlAuthorizationFilter(
					PathPatternRequestMatcher.withDefaults().matcher(pattern), metadataDocumentClients), CorsFilter.class);
		};
	}

}
