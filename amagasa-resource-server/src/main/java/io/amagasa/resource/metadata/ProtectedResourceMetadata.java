package io.amagasa.resource.metadata;

import java.net.URI;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The OAuth 2.0 Protected Resource Metadata document (RFC 9728 §2) of one MCP endpoint.
 *
 * @param resource the MCP endpoint URL, exactly as clients use it (RS-03)
 * @param authorizationServers issuer identifiers, byte-identical to each server's metadata
 * {@code issuer} (RS-02, RS-07)
 * @param scopesSupported the scopes this resource understands, never {@code offline_access} (RS-05, RS-06)
 * @param bearerMethodsSupported only {@code header}: tokens in a query or a form are ignored (RS-25)
 * @param resourceName a human-readable name for consent screens
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ProtectedResourceMetadata(@JsonProperty("resource") String resource,
		@JsonProperty("authorization_servers") List<String> authorizationServers,
		@JsonProperty("scopes_supported") List<String> scopesSupported,
		@JsonProperty("bearer_methods_supported") List<String> bearerMethodsSupported,
		@JsonProperty("resource_name") String resourceName) {

	public static final String WELL_KNOWN = "/.well-known/oauth-protected-resource";

	public ProtectedResourceMetadata {
		if (authorizationServers.isEmpty()) {
			throw new IllegalArgumentException(
					"Protected Resource Metadata needs at least one authorization server (RS-02)");
		}
		if (scopesSupported.contains("offline_access")) {
			throw new IllegalArgumentException(
					"scopes_supported must not list offline_access (RS-06): it is the client's to request");
		}
		authorizationServers = List.copyOf(authorizationServers);
		scopesSupported = List.copyOf(scopesSupported);
		bearerMethodsSupported = List.copyOf(bearerMethodsSupported);
	}

	public static ProtectedResourceMetadata of(URI resource, List<String> authorizationServers,
			List<String> scopesSupported, String resourceName) {
		return new ProtectedResourceMetadata(resource.toString(), authorizationServers, scopesSupported,
				List.of("header"), resourceName);
	}

	/**
	 * The path-suffixed well-known URL of a resource (RFC 9728 §3.1): {@code /.well-known/oauth-protected-resource}
	 * inserted between the host and the resource's path, e.g. {@code https://h/.well-known/oauth-protected-resource/mcp}.
	 */
	public static URI wellKnownUrl(URI resource) {
		String path = resource.getRawPath() == null ? "" : resource.getRawPath();
		return URI.create(resource.getScheme() + "://" + resource.getRawAuthority() + WELL_KNOWN + path);
	}

}
