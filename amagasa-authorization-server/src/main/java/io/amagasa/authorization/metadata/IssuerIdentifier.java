package io.amagasa.authorization.metadata;

import java.net.URI;
import java.util.Locale;

/**
 * The authorization server's issuer identifier (RFC 8414 §2): an {@code https} URL (AS-02; {@code http}
 * only on loopback, for development) with no query, fragment or trailing slash. Its metadata, tokens and
 * authorization responses carry it byte for byte (AS-04, AS-09), and the protected resources name it in
 * their {@code authorization_servers} (RS-07).
 *
 * @param value the identifier
 */
public record IssuerIdentifier(String value) {

	public IssuerIdentifier {
		URI uri;
		try {
			uri = URI.create(value);
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("'" + value + "' is not a URL (expected e.g. https://mcp.example.com)");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!uri.isAbsolute() || uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
			throw new IllegalArgumentException(
					"'" + value + "' is not an absolute http(s) URL (expected e.g. https://mcp.example.com)");
		}
		if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawUserInfo() != null) {
			throw new IllegalArgumentException("'" + value + "' must have no query, fragment or user info (RFC 8414 §2)");
		}
		if (uri.getRawPath() != null && uri.getRawPath().endsWith("/")) {
			throw new IllegalArgumentException("'" + value
					+ "' must not end with '/': clients compare the issuer byte for byte (RFC 8414 §3.3)");
		}
		if (scheme.equals("http") && !isLoopback(uri.getHost())) {
			throw new IllegalArgumentException("'" + value
					+ "' must use https: authorization server endpoints are served over TLS (AS-02); http is for loopback only");
		}
	}

	/** The issuer's path, e.g. {@code /tenant1}, or the empty string. */
	public String path() {
		String path = URI.create(this.value).getRawPath();
		return (path == null) ? "" : path;
	}

	/** The public URL of an endpoint of this server, given its path on this server. */
	public String endpoint(String path) {
		return this.value + path;
	}

	@Override
	public String toString() {
		return this.value;
	}

	private static boolean isLoopback(String host) {
		String name = host.toLowerCase(Locale.ROOT);
		return name.equals("localhost") || name.equals("[::1]") || name.equals("[0:0:0:0:0:0:0:1]")
				|| name.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
	}

}
