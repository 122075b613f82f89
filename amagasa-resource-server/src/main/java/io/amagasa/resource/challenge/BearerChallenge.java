package io.amagasa.resource.challenge;

import java.net.URI;
import java.util.Collection;
import java.util.StringJoiner;

/**
 * One {@code WWW-Authenticate: Bearer} challenge (RFC 6750 §3, RFC 9728 §5.1), rendered in one place so
 * that every 401 and 403 the resource server sends has the same, spec-exact shape.
 * <ul>
 * <li>No credentials: {@code Bearer resource_metadata="…", scope="…"} with no {@code error} (RFC 6750
 * §3.1, RS-11), as in the MCP specification's example.</li>
 * <li>A rejected token or too little scope: {@code Bearer error="…", scope="…",
 * resource_metadata="…", error_description="…"}, the order of the MCP specification's 403 example.</li>
 * </ul>
 * Every value is a quoted-string; {@code scope} is omitted when there is nothing to ask for.
 *
 * @param error the RFC 6750 error code, or {@code null} when no credentials were presented
 * @param description a short, safe text; ignored without an error
 * @param scopes the scopes to request (RS-09, RS-14, RS-15)
 * @param resourceMetadata the URL of the Protected Resource Metadata document (RS-04)
 */
public record BearerChallenge(String error, String description, Collection<String> scopes, URI resourceMetadata) {

	public static final String INVALID_REQUEST = "invalid_request";

	public static final String INVALID_TOKEN = "invalid_token";

	public static final String INSUFFICIENT_SCOPE = "insufficient_scope";

	public static BearerChallenge noCredentials(Collection<String> scopes, URI resourceMetadata) {
		return new BearerChallenge(null, null, scopes, resourceMetadata);
	}

	public String headerValue() {
		StringJoiner parameters = new StringJoiner(", ", "Bearer ", "");
		if (this.error == null) {
			parameters.add(parameter("resource_metadata", this.resourceMetadata.toString()));
			scopeParameter(parameters);
			return parameters.toString();
		}
		parameters.add(parameter("error", this.error));
		scopeParameter(parameters);
		parameters.add(parameter("resource_metadata", this.resourceMetadata.toString()));
		if (this.description != null && !this.description.isBlank()) {
			parameters.add(parameter("error_description", safeDescription(this.description)));
		}
		return parameters.toString();
	}

	private void scopeParameter(StringJoiner parameters) {
		if (this.scopes != null && !this.scopes.isEmpty()) {
			parameters.add(parameter("scope", String.join(" ", this.scopes)));
		}
	}

	private static String parameter(String name, String value) {
		return name + "=\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	/**
	 * RFC 6750 §3: error_description is limited to %x20-21 / %x23-5B / %x5D-7E, so a quote, a backslash
	 * or anything outside printable ASCII is replaced rather than escaped.
	 */
	static String safeDescription(String description) {
		StringBuilder safe = new StringBuilder(description.length());
		for (char c : description.toCharArray()) {
			boolean allowed = (c >= 0x20 && c <= 0x21) || (c >= 0x23 && c <= 0x5B) || (c >= 0x5D && c <= 0x7E);
			safe.append(allowed ? c : '\'');
		}
		return safe.toString();
	}

}
