package io.amagasa.resource.cors;

import java.time.Duration;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.web.cors.CorsConfiguration;

/**
 * The CORS rules of an MCP server, for browser-based clients: the MCP endpoint answers the origins it was
 * given, with the request headers the Streamable HTTP transport uses and the response headers a client must
 * read (the challenge, the session id); the discovery documents can be read from any origin.
 */
public final class McpCors {

	private static final List<String> MCP_REQUEST_HEADERS = List.of(HttpHeaders.AUTHORIZATION,
			HttpHeaders.CONTENT_TYPE, HttpHeaders.ACCEPT, "Mcp-Session-Id", "MCP-Protocol-Version", "Last-Event-ID");

	private static final List<String> MCP_EXPOSED_HEADERS = List.of(HttpHeaders.WWW_AUTHENTICATE, "Mcp-Session-Id",
			"MCP-Protocol-Version");

	private McpCors() {
	}

	/**
	 * The MCP endpoint's rules: only the given origins may call it.
	 * @param allowedOrigins serialized origins ({@code https://app.example}) or Spring origin patterns
	 * ({@code http://localhost:[*]})
	 */
	public static CorsConfiguration mcpEndpoint(List<String> allowedOrigins) {
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOriginPatterns(allowedOrigins);
		cors.setAllowedMethods(List.of("GET", "POST", "DELETE", "OPTIONS"));
		cors.setAllowedHeaders(MCP_REQUEST_HEADERS);
		cors.setExposedHeaders(MCP_EXPOSED_HEADERS);
		cors.setMaxAge(Duration.ofHours(1));
		return cors;
	}

	/** A public discovery document's rules: readable from any origin, without credentials. */
	public static CorsConfiguration discoveryDocument() {
		CorsConfiguration cors = new CorsConfiguration();
		cors.addAllowedOrigin(CorsConfiguration.ALL);
		cors.setAllowedMethods(List.of("GET", "HEAD", "OPTIONS"));
		cors.setMaxAge(Duration.ofHours(1));
		return cors;
	}

}
