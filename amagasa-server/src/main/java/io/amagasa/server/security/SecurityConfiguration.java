package io.amagasa.server.security;

import java.net.InetAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

import io.amagasa.resource.McpResourceServer;
import io.amagasa.resource.cors.McpCors;
import io.amagasa.resource.jsonrpc.ParsedBodyHandoff;
import io.amagasa.resource.policy.McpAccessPolicy;
import io.amagasa.resource.policy.ScopeHierarchy;
import io.amagasa.resource.rebinding.AllowedHosts;
import io.amagasa.resource.rebinding.DnsRebindingProtectionFilter;
import io.amagasa.server.config.AmagasaProperties;
import io.amagasa.server.config.AuthProperties;
import io.amagasa.server.config.AuthProperties.AuthMode;
import io.amagasa.server.config.PublicUrls;
import io.amagasa.server.http.McpEndpointPath;
import io.amagasa.server.mcp.SessionLimits;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * The mode switch ({@code amagasa.auth.mode}): one security filter chain, protecting the MCP endpoint
 * with the resource-server library in {@code embedded}, {@code external} and {@code entra} mode, or leaving
 * it open in {@code none} mode, which refuses to start anywhere but on loopback (RS-27, RS-28). In
 * {@code embedded} mode the authorization server's own chains come first (amagasa-authorization-server).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class SecurityConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

	static final String RESOURCE_NAME = "Amagasa weather";

	/**
	 * No Micrometer observation around every security filter, authentication and authorization: at MCP
	 * request rates the wrapping costs more than the checks themselves. Decisions are counted by
	 * {@code amagasa.auth.decisions} and requests by Spring MVC's own HTTP server observation.
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	/**
	 * Spring Security's strict firewall as it is, with its header rule checked without a regular expression
	 * on every header read ({@link AssignedNonControlCharacters}). Used by every chain, the embedded
	 * authorization server's too.
	 */
	@Bean
	HttpFirewall httpFirewall() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		AssignedNonControlCharacters rule = new AssignedNonControlCharacters();
		firewall.setAllowedHeaderNames(rule);
		firewall.setAllowedHeaderValues(rule);
		return firewall;
	}

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, AuthProperties auth, AmagasaProperties amagasa,
			PublicUrls urls, McpEndpointPath mcpEndpoint, MeterRegistry meters,
			@Value("${server.address:}") String serverAddress, ObjectProvider<EmbeddedIssuer> embeddedIssuer,
			SslBundles sslBundles, ParsedBodyHandoff handoff)
			throws Exception {
		// Stateless: nothing to log out of (the embedded authorization server's pages have their own
		// chain, with its /logout), and no filter to run on every request for it.
		http.sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache(cache -> cache.disable())
			.formLogin(AbstractHttpConfigurer::disable)
			.httpBasic(AbstractHttpConfigurer::disable)
			.logout(AbstractHttpConfigurer::disable);
		if (auth.mode() == AuthMode.NONE) {
			requireLoopback(serverAddress);
			log.warn("amagasa.auth.mode=none: the MCP endpoint accepts unauthenticated requests (loopback only)");
			// Browser-based clients need CORS whether or not the endpoint is protected.
			UrlBasedCorsConfigurationSource cors = new UrlBasedCorsConfigurationSource();
			cors.registerCorsConfiguration(mcpEndpoint.path(), McpCors.mcpEndpoint(allowedOrigins(amagasa)));
			return http.csrf(AbstractHttpConfigurer::disable)
				.cors(configurer -> configurer.configurationSource(cors))
				.authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
				.build();
		}
		URI resource = urls.mcpEndpoint();
		EmbeddedIssuer embedded = (auth.mode() == AuthMode.EMBEDDED) ? embeddedIssuer.getObject() : null;
		McpResourceServer resourceServer = new McpResourceServer(
				settings(auth, amagasa, resource, mcpEndpoint.path(), embedded),
				TokenVerification.verifier(auth, resource, embedded, sslBundles), meters, JsonMapper.builder().build(),
				handoff);
		resourceServer.applyTo(http);
		// Everything this chain serves is stateless: bearer tokens, or nothing for the metadata and health
		// probes; no cookie or session ever authenticates here, so CSRF has nothing to protect, and no
		// code asks the servlet API who the user is (tools read the caller from the transport context).
		// The embedded authorization server's pages, which do use a session, have chains of their own.
		http.csrf(AbstractHttpConfigurer::disable).servletApi(AbstractHttpConfigurer::disable);
		log.info("amagasa.auth.mode={}: {} is a protected resource; metadata at {}",
				auth.mode().name().toLowerCase(), resource, resourceServer.metadataUrl());
		IpAddressMatcher loopbackV4 = new IpAddressMatcher("127.0.0.0/8");
		IpAddressMatcher loopbackV6 = new IpAddressMatcher("::1");
		return http
			.authorizeHttpRequests(requests -> requests.requestMatchers("/actuator/health", "/actuator/health/**")
				.permitAll()
				// Metrics reveal traffic shapes: readable from the machine itself only.
				.requestMatchers("/actuator/**")
				.access((authentication, context) -> new AuthorizationDecision(
						loopbackV4.matches(context.getRequest()) || loopbackV6.matches(context.getRequest())))
				.anyRequest()
				.denyAll())
			.build();
	}

	static McpResourceServer.Settings settings(AuthProperties auth, AmagasaProperties amagasa, URI resource,
			String mcpPath, EmbeddedIssuer embedded) {
		AuthProperties.Policy policy = auth.policy();
		UnaryOperator<String> qualify = scopeQualifier(auth);
		McpAccessPolicy.Settings policySettings = policySettings(auth);
		List<String> challengeScopes = new ArrayList<>(!policy.challengeScopes().isEmpty()
				? qualified(policy.challengeScopes(), qualify) : policySettings.requiredScopes());
		return new McpResourceServer.Settings(resource, mcpPath, authorizationServers(auth, embedded),
				scopesSupported(auth), challengeScopes, RESOURCE_NAME, policySettings, allowedOrigins(amagasa),
				auth.token().maxRequestBytes(), SessionLimits.IDLE_TIMEOUT, SessionLimits.MAX_SESSIONS);
	}

	/**
	 * The browser origins CORS lets call the MCP endpoint: those {@link DnsRebindingProtectionFilter} lets
	 * through, which runs first — the configured ones, and a loopback origin on a loopback connection.
	 */
	private static List<String> allowedOrigins(AmagasaProperties amagasa) {
		List<String> origins = new ArrayList<>();
		amagasa.http().allowedOrigins().forEach(origin -> origins.add(origin.toString()));
		origins.addAll(AllowedHosts.loopbackOriginPatterns());
		return origins;
	}

	/** The metadata's {@code scopes_supported} (RS-05): as configured, else every scope the policy names. */
	static List<String> scopesSupported(AuthProperties auth) {
		AuthProperties.Policy policy = auth.policy();
		return new ArrayList<>(!policy.scopesSupported().isEmpty()
				? qualified(policy.scopesSupported(), scopeQualifier(auth)) : everyScope(policySettings(auth)));
	}

	private static McpAccessPolicy.Settings policySettings(AuthProperties auth) {
		AuthProperties.Policy policy = auth.policy();
		UnaryOperator<String> qualify = scopeQualifier(auth);
		return new McpAccessPolicy.Settings(qualified(policy.requiredScopes(), qualify),
				qualifiedMap(policy.toolScopes(), qualify), qualified(policy.defaultToolScopes(), qualify),
				new ScopeHierarchy(qualifiedHierarchy(policy.scopeHierarchy(), qualify)), allowedClients(auth),
				new LinkedHashSet<>(policy.allowedTenants()), new LinkedHashSet<>(policy.requiredRoles()),
				new LinkedHashSet<>(policy.requiredGroups()), policy.hideUnauthorizedTools());
	}

	/**
	 * The issuers the metadata names (RS-02, RS-07): the embedded server's, Entra's v2 issuer, or the
	 * configured ones.
	 */
	private static List<String> authorizationServers(AuthProperties auth, EmbeddedIssuer embedded) {
		if (auth.mode() == AuthMode.EMBEDDED) {
			return List.of(embedded.issuer());
		}
		if (auth.mode() == AuthMode.ENTRA) {
			return List.of(auth.entra().authorityBase() + "/" + auth.entra().tenantId() + "/v2.0");
		}
		List<String> issuers = new ArrayList<>();
		issuers.add(auth.external().issuer());
		auth.external().additionalIssuers().forEach(issuer -> issuers.add(issuer.issuer()));
		return issuers;
	}

	private static Set<String> allowedClients(AuthProperties auth) {
		Set<String> clients = new LinkedHashSet<>(auth.policy().allowedClients());
		if (auth.mode() == AuthMode.ENTRA) {
			clients.addAll(auth.entra().allowedClientApplications());
		}
		return clients;
	}

	/** Entra names delegated scopes {@code {Application ID URI}/{scope}}; other issuers use the names as given. */
	private static UnaryOperator<String> scopeQualifier(AuthProperties auth) {
		if (auth.mode() != AuthMode.ENTRA) {
			return UnaryOperator.identity();
		}
		String prefix = TokenVerification.identifierUri(auth.entra()) + "/";
		return scope -> scope.contains("://") ? scope : prefix + scope;
	}

	private static Set<String> qualified(List<String> scopes, UnaryOperator<String> qualify) {
		Set<String> result = new LinkedHashSet<>();
		scopes.forEach(scope -> result.add(qualify.apply(scope)));
		return result;
	}

	private static Map<String, Set<String>> qualifiedMap(Map<String, List<String>> scopes,
			UnaryOperator<String> qualify) {
		Map<String, Set<String>> result = new HashMap<>();
		scopes.forEach((key, value) -> result.put(key, qualified(value, qualify)));
		return result;
	}

	private static Map<String, Set<String>> qualifiedHierarchy(Map<String, List<String>> hierarchy,
			UnaryOperator<String> qualify) {
		Map<String, Set<String>> result = new HashMap<>();
		hierarchy.forEach((broader, narrower) -> result.put(qualify.apply(broader), qualified(narrower, qualify)));
		return result;
	}

	private static Set<String> everyScope(McpAccessPolicy.Settings policy) {
		Set<String> scopes = new LinkedHashSet<>(policy.requiredScopes());
		policy.toolScopes().values().forEach(scopes::addAll);
		scopes.addAll(policy.defaultToolScopes());
		scopes.remove("offline_access");
		return scopes;
	}

	static void requireLoopback(String serverAddress) throws Exception {
		if (serverAddress.isBlank() || !InetAddress.getByName(serverAddress).isLoopbackAddress()) {
			throw new IllegalStateException("amagasa.auth.mode=none requires server.address to be a loopback address "
					+ "(127.0.0.1 or ::1), but it is '" + serverAddress + "'. Choose an authorization mode "
					+ "(external or entra) to serve on other addresses.");
		}
	}

}
