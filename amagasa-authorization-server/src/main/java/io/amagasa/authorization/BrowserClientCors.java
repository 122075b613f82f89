package io.amagasa.authorization;

import java.time.Duration;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;

/**
 * CORS for the endpoints a browser-based MCP client (MCP Inspector's web UI, for one) calls directly:
 * metadata, JWKS, registration, token and revocation. Any origin may read them — they carry no cookies
 * and authenticate the client in the request itself — while the authorization endpoint is a top-level
 * navigation and introspection is for servers, so neither is listed.
 */
final class BrowserClientCors implements CorsConfigurationSource {

	private final RequestMatcher endpoints;

	private final CorsConfiguration configuration;

	BrowserClientCors(AuthorizationServerSettings settings) {
		PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
		this.endpoints = new OrRequestMatcher(paths.matcher("/.well-known/oauth-authorization-server/**"),
				paths.matcher("/.well-known/openid-configuration/**"),
				paths.matcher(settings.getJwkSetEndpoint()), paths.matcher(settings.getClientRegistrationEndpoint()),
				paths.matcher(settings.getTokenEndpoint()), paths.matcher(settings.getTokenRevocationEndpoint()));
		CorsConfiguration configuration = new CorsConfiguration();
		configuration.addAllowedOrigin(CorsConfiguration.ALL);
		configuration.setAllowedMethods(List.of("GET", "POST", "OPTIONS"));
		configuration.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT,
				"MCP-Protocol-Version"));
		configuration.setExposedHeaders(List.of(HttpHeaders.WWW_AUTHENTICATE));
		configuration.setMaxAge(Duration.ofHours(1));
		this.configuration = configuration;
	}

	/** The requests this covers, preflights included. */
	RequestMatcher endpoints() {
		return this.endpoints;
	}

	@Override
	public CorsConfiguration getCorsConfiguration(HttpServletRequest request) {
		return this.endpoints.matches(request) ? this.configuration : null;
	}

}
