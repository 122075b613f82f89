package io.amagasa.server.config;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code amagasa.*} settings. Each is validated when the application starts: a wrong value stops
 * start-up with a message that names the setting and says what is expected.
 *
 * @param publicBaseUrl the URL clients use to reach this server, e.g. {@code https://mcp.example.com};
 * the resource identifier derives from it. Unset: the local listen address.
 * @param http transport-level settings
 */
@ConfigurationProperties("amagasa")
public record AmagasaProperties(URI publicBaseUrl, @DefaultValue Http http) {

	public AmagasaProperties {
		if (publicBaseUrl != null) {
			requireBaseUrl("amagasa.public-base-url", publicBaseUrl);
		}
	}

	/**
	 * @param allowedHosts extra {@code Host} values accepted besides the public base URL's authority and,
	 * on loopback, the loopback names (TR-01)
	 * @param allowedOrigins extra browser origins accepted on the MCP endpoint (TR-02)
	 */
	public record Http(@DefaultValue List<String> allowedHosts, @DefaultValue List<URI> allowedOrigins) {

		public Http {
			for (URI origin : allowedOrigins) {
				requireOrigin("amagasa.http.allowed-origins", origin);
			}
			for (String host : allowedHosts) {
				if (host.isBlank() || host.contains("/") || host.contains("@")) {
					throw new IllegalArgumentException("amagasa.http.allowed-hosts: '" + host
							+ "' is not a host[:port] value (expected e.g. mcp.internal:8080)");
				}
			}
		}

	}

	static void requireBaseUrl(String setting, URI url) {
		requireHttpUrl(setting, url);
		if (url.getRawQuery() != null || url.getRawFragment() != null || url.getRawUserInfo() != null) {
			throw new IllegalArgumentException(setting + ": '" + url
					+ "' must have no query, fragment or user info (expected e.g. https://mcp.example.com)");
		}
		if (url.getRawPath() != null && url.getRawPath().endsWith("/")) {
			throw new IllegalArgumentException(setting + ": '" + url
					+ "' must not end with '/' (the resource identifier is compared byte for byte; expected e.g. https://mcp.example.com)");
		}
	}

	static void requireOrigin(String setting, URI origin) {
		requireHttpUrl(setting, origin);
		if (origin.getRawPath() != null && !origin.getRawPath().isEmpty()) {
			throw new IllegalArgumentException(setting + ": '" + origin
					+ "' is not an origin (expected scheme://host[:port] with no path)");
		}
	}

	private static void requireHttpUrl(String setting, URI url) {
		String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
		if (!url.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
			throw new IllegalArgumentException(
					setting + ": '" + url + "' is not an absolute http(s) URL (expected e.g. https://mcp.example.com)");
		}
	}

}
