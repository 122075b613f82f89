package io.amagasa.authorization.resource;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code resource} parameter of RFC 8707 §2: an absolute URI with no fragment. Two indicators name
 * the same resource when they are equal after RFC 3986 §6.2.2 syntax-based normalization of scheme and
 * host case and §6.2.3 default-port elision; the path and query are compared exactly.
 */
public final class ResourceIndicator {

	public static final String PARAMETER = "resource";

	private ResourceIndicator() {
	}

	/** @return the normalized form, or empty when {@code value} is not a valid resource indicator */
	public static Optional<String> normalize(String value) {
		if (value == null || value.isEmpty()) {
			return Optional.empty();
		}
		URI uri;
		try {
			uri = new URI(value);
		}
		catch (URISyntaxException ex) {
			return Optional.empty();
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!uri.isAbsolute() || uri.getRawFragment() != null || uri.getRawUserInfo() != null || uri.getHost() == null
				|| !(scheme.equals("https") || scheme.equals("http"))) {
			return Optional.empty();
		}
		int port = uri.getPort();
		boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
		StringBuilder normalized = new StringBuilder(scheme).append("://").append(uri.getHost().toLowerCase(Locale.ROOT));
		if (!defaultPort) {
			normalized.append(':').append(port);
		}
		normalized.append(uri.getRawPath() == null ? "" : uri.getRawPath());
		if (uri.getRawQuery() != null) {
			normalized.append('?').append(uri.getRawQuery());
		}
		return Optional.of(normalized.toString());
	}

}
