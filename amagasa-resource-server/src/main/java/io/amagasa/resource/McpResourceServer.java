package io.amagasa.resource;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import io.amagasa.resource.audit.AuthorizationAudit;
import io.amagasa.resource.authentication.CallerAuthenticationProvider;
import io.amagasa.resource.authentication.HeaderBearerTokenResolver;
import io.amagasa.resource.challenge.BearerChallengeResponder;
import io.amagasa.resource.challenge.McpAuthenticationEntryPoint;
import io.amagasa.resource.cors.McpCors;
import io.amagasa.resource.jsonrpc.ParsedBodyHandoff;
import io.amagasa.resource.metadata.ProtectedResourceMetadata;
import io.amagasa.resource.metadata.ProtectedResourceMetadataFilter;
import io.amagasa.resource.policy.McpAccessPolicy;
import io.amagasa.resource.policy.McpAuthorizationFilter;
import io.amagasa.resource.session.SessionBindingFilter;
import io.amagasa.resource.session.SessionBindings;
import io.amagasa.resource.token.AccessTokenVerifier;
import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Makes one MCP endpoint an OAuth 2.1 protected resource per the MCP Authorization specification, on
 * any Spring Security filter chain: {@code mcpResourceServer.applyTo(http)}.
 * <p>
 * One request to the endpoint flows: bearer token from the {@code Authorization} header only → token
 * verified into a caller (failure: 401 challenge) → JSON-RPC envelope read → policy decision (denial:
 * 403, {@code insufficient_scope} with the needed scopes) → session ownership → the MCP transport, with
 * the caller in its context. The Protected Resource Metadata is served without authentication, with
 * CORS for browser-based clients.
 */
public final class McpResourceServer {

	private final Settings settings;

	private final AccessTokenVerifier verifier;

	private final AuthorizationAudit audit;

	private final JsonMapper mapper;

	private final McpAccessPolicy policy;

	private final ParsedBodyHandoff handoff;

	/**
	 * @param resource the MCP endpoint URL clients use: the resource identifier (RS-03)
	 * @param mcpPath the endpoint's path on this server, e.g. {@code /mcp}
	 * @param authorizationServers issuer identifiers for the metadata document (RS-02)
	 * @param scopesSupported the metadata's {@code scopes_supported} (RS-05)
	 * @param challengeScopes what a 401 challenge asks for (RS-09)
	 * @param resourceName the metadata's {@code resource_name}
	 * @param policy the authorization policy
	 * @param allowedOrigins browser origins allowed to call the MCP endpoint (CORS): serialized origins or
	 * Spring origin patterns
	 * @param maxBodyBytes the largest request body accepted
	 * @param sessionIdleTimeout how long a session binding lives unused (as the transport's sessions)
	 * @param maxSessions how many session bindings are kept at most
	 */
	public record Settings(URI resource, String mcpPath, List<String> authorizationServers,
			List<String> scopesSupported, List<String> challengeScopes, String resourceName, McpAccessPolicy.Settings policy,
			List<String> allowedOrigins, int maxBodyBytes, Duration sessionIdleTimeout, long maxSessions) {
	}

	/**
	 * @param mapper serializes the metadata document and error bodies
	 * @param handoff shared with the MCP transport (its {@link ParsedBodyHandoff#transportMapper()}), so that
	 * each request body is parsed once
	 */
	public McpResourceServer(Settings settings, AccessTokenVerifier verifier, MeterRegistry meters, JsonMapper mapper,
			ParsedBodyHandoff handoff) {
		this.settings = settings;
		this.handoff = handoff;
		this.verifier = verifier;
		this.audit = new AuthorizationAudit(meters);
		this.mapper = mapper;
		this.policy = new McpAccessPolicy(settings.policy());
	}

	public McpAccessPolicy policy() {
		return this.policy;
	}

	public ProtectedResourceMetadata metadata() {
		return ProtectedResourceMetadata.of(this.settings.resource(), this.settings.authorizationServers(),
				this.settings.scopesSupported(), this.settings.resourceName());
	}

	/** The URL of the metadata document, as every challenge names it (RS-04). */
	public URI metadataUrl() {
		return ProtectedResourceMetadata.wellKnownUrl(this.settings.resource());
	}

	/** Requests to the MCP endpoint. */
	public RequestMatcher mcpEndpoint() {
		return PathPatternRequestMatcher.withDefaults().matcher(this.settings.mcpPath());
	}

	/** Requests for the metadata document, path-suffixed and root. */
	public RequestMatcher metadataEndpoints() {
		return new OrRequestMatcher(
				PathPatternRequestMatcher.withDefaults().matcher(ProtectedResourceMetadata.WELL_KNOWN),
				PathPatternRequestMatcher.withDefaults().matcher(metadataUrl().getRawPath()));
	}

	public void applyTo(HttpSecurity http) throws Exception {
		ProtectedResourceMetadata metadata = metadata();
		RequestMatcher mcpEndpoint = mcpEndpoint();
		RequestMatcher metadataEndpoints = metadataEndpoints();
		BearerChallengeResponder responder = new BearerChallengeResponder(metadataUrl(),
				this.settings.challengeScopes(), this.mapper);
		McpAuthenticationEntryPoint entryPoint = new McpAuthenticationEntryPoint(responder, this.audit);
		ProviderManager authenticationManager = new ProviderManager(new CallerAuthenticationProvider(this.verifier));
		// A CallerAuthentication keeps no credential (never the token): nothing to erase on every request.
		authenticationManager.setEraseCredentialsAfterAuthentication(false);
		McpAuthorizationFilter authorization = new McpAuthorizationFilter(mcpEndpoint, this.policy, responder,
				this.audit, this.handoff, this.settings.maxBodyBytes());
		SessionBindingFilter sessions = new SessionBindingFilter(mcpEndpoint,
				new SessionBindings(this.settings.sessionIdleTimeout(), this.settings.maxSessions()), this.audit);

		// Spring's BearerTokenAuthenticationConverter, without the WebAuthenticationDetails it would build
		// on every request (remote address, a session lookup): nothing here reads them.
		BearerTokenAuthenticationConverter converter = new BearerTokenAuthenticationConverter();
		converter.setBearerTokenResolver(new HeaderBearerTokenResolver());
		converter.setAuthenticationDetailsSource(request -> null);
		BearerTokenAuthenticationFilter authentication = new BearerTokenAuthenticationFilter(authenticationManager,
				converter);
		authentication.setAuthenticationEntryPoint(entryPoint);
		RequestMatcher bearerRequests = HeaderBearerTokenResolver::presentsBearerScheme;

		// The filter is added as such, not through oauth2ResourceServer(): that configurer also adds Spring's
		// OAuth2ProtectedResourceMetadataFilter, which derives the resource identifier from the request
		// (RS-03 forbids that; ProtectedResourceMetadataFilter serves a fixed document instead), and a DPoP
		// authentication filter, whose proofs this resource server does not take (a DPoP-scheme
		// Authorization header is not a bearer credential: the request gets the 401 challenge). Each ran
		// on every dispatch of every MCP request.
		// Bearer-token requests carry no ambient credentials, so CSRF does not apply to them.
		http.csrf(csrf -> csrf.ignoringRequestMatchers(mcpEndpoint, metadataEndpoints, bearerRequests))
			.cors(cors -> cors.configurationSource(corsConfiguration()))
			.addFilter(authentication)
			.exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint)
				.defaultAccessDeniedHandlerFor(new BearerTokenAccessDeniedHandler(), bearerRequests))
			// after CORS, which answers a preflight for the document
			.addFilterBefore(new ProtectedResourceMetadataFilter(metadata, this.mapper), CsrfFilter.class)
			.addFilterAfter(authorization, BearerTokenAuthenticationFilter.class)
			.addFilterAfter(sessions, McpAuthorizationFilter.class)
			// the MCP endpoint's rule first: nearly every request is for it, on two dispatches when streamed
			.authorizeHttpRequests(requests -> requests.requestMatchers(mcpEndpoint)
				.authenticated()
				.requestMatchers(metadataEndpoints)
				.permitAll());
	}

	private UrlBasedCorsConfigurationSource corsConfiguration() {
		CorsConfiguration metadataCors = McpCors.discoveryDocument();
		CorsConfiguration mcpCors = McpCors.mcpEndpoint(this.settings.allowedOrigins());
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration(ProtectedResourceMetadata.WELL_KNOWN, metadataCors);
		source.registerCorsConfiguration(metadataUrl().getRawPath(), metadataCors);
		source.registerCorsConfiguration(this.settings.mcpPath(), mcpCors);
		return source;
	}

}
