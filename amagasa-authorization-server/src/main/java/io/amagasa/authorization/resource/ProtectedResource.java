package io.amagasa.authorization.resource;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * A protected resource tokens may be issued for (RFC 8707 §2): its identifier, which becomes the
 * {@code aud} of its access tokens byte for byte, and the scopes it understands.
 *
 * @param uri the resource identifier, e.g. {@code https://mcp.example.com/mcp}
 * @param name a human-readable name
 * @param scopes the scopes it understands
 */
public record ProtectedResource(URI uri, String name, Set<String> scopes) {

	public ProtectedResource {
		Objects.requireNonNull(uri, "uri");
		if (ResourceIndicator.normalize(uri.toString()).isEmpty()) {
			throw new IllegalArgumentException("'" + uri
					+ "' is not a resource identifier (RFC 8707 §2: an absolute http(s) URI with no fragment)");
		}
		scopes = Collections.unmodifiableSet(new LinkedHashSet<>(Objects.requireNonNull(scopes, "scopes")));
		for (String scope : scopes) {
			if (!ScopeToken.isValid(scope)) {
				throw new IllegalArgumentException("scope '" + scope + "' is not a scope token (RFC 6749 §3.3)");
			}
		}
		name = (name == null || name.isBlank()) ? uri.toString() : name;
	}

	/** The identifier exactly as configured: the access token's {@code aud}. */
	public String identifier() {
		return this.uri.toString();
	}

}
