package io.amagasa.server.security;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.util.LinkedHashSet;

import io.amagasa.authorization.metadata.IssuerIdentifier;
import io.amagasa.authorization.resource.ProtectedResource;
import io.amagasa.authorization.resource.ProtectedResources;
import io.amagasa.server.config.AuthProperties;
import io.amagasa.server.config.PublicUrls;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;

/**
 * {@code amagasa.auth.mode=embedded}: the MCP endpoint is the embedded authorization server's default
 * protected resource (with the policy's scopes), and the embedded server is the endpoint's trusted issuer.
 * The resource server reads the keys over loopback HTTP from this same process when it listens on loopback
 * or on every address, else from the issuer's public URL.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(name = "amagasa.auth.mode", havingValue = "embedded", matchIfMissing = true)
class EmbeddedAuthorizationServerConfiguration {

	@Bean
	ProtectedResource mcpProtectedResource(PublicUrls urls, AuthProperties auth) {
		return new ProtectedResource(urls.mcpEndpoint(), SecurityConfiguration.RESOURCE_NAME,
				new LinkedHashSet<>(SecurityConfiguration.scopesSupported(auth)));
	}

	@Bean
	EmbeddedIssuer embeddedIssuer(IssuerIdentifier issuer, AuthorizationServerSettings settings,
			ProtectedResources resources, PublicUrls urls, ServerProperties server) {
		String resource = urls.mcpEndpoint().toString();
		if (resources.find(resource).filter(found -> found.identifier().equals(resource)).isEmpty()) {
			throw new IllegalStateException("amagasa.authorization-server.resources does not include this server's MCP "
					+ "endpoint, so no token could be used here: add an entry with uri " + resource);
		}
		return new EmbeddedIssuer(issuer.value(), jwkSetUri(issuer, settings.getJwkSetEndpoint(), server));
	}

	static URI jwkSetUri(IssuerIdentifier issuer, String jwkSetPath, ServerProperties server) {
		Integer port = server.getPort();
		String loopback = loopbackHost(server.getAddress());
		if (!Ssl.isEnabled(server.getSsl()) && port != null && port > 0 && loopback != null) {
			String contextPath = (server.getServlet().getContextPath() != null) ? server.getServlet().getContextPath() : "";
			return URI.create("http://" + loopback + ":" + port + contextPath + jwkSetPath);
		}
		return URI.create(issuer.endpoint(jwkSetPath));
	}

	/** The loopback address this server answers on, or {@code null} when it listens elsewhere only. */
	private static String loopbackHost(InetAddress address) {
		if (address == null || address.isAnyLocalAddress()) {
			return (address instanceof Inet6Address) ? "[::1]" : "127.0.0.1";
		}
		if (address.isLoopbackAddress()) {
			return (address instanceof Inet6Address) ? "[::1]" : address.getHostAddress();
		}
		return null;
	}

}
