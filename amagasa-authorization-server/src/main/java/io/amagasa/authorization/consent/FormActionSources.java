package io.amagasa.authorization.consent;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import io.amagasa.authorization.client.LoopbackHost;

/**
 * The {@code form-action} source for a client's redirect URI. A form on the login or consent page posts
 * to this server, which answers with a redirect to the client; browsers (Chrome) check CSP
 * {@code form-action} on every redirect that follows a form submission, so the page's policy must name
 * the client's redirect target as well as {@code 'self'}, or the approval never reaches the client.
 * <p>
 * Only what the URI says is used, and only when it is a plain host: a value that could smuggle another
 * directive (a space, a semicolon, a quote) yields nothing.
 */
final class FormActionSources {

	private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9.-]*[a-z0-9])?");

	private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.-]*");

	private FormActionSources() {
	}

	/**
	 * @param redirectUri a redirect URI validated against the client's registration
	 * @param anyLoopbackPort whether a loopback redirect URI may arrive on any port (a registered URI, as
	 * AS-31 allows, rather than the one an authorization request named)
	 * @return the source expression, e.g. {@code https://app.example.com}, {@code http://127.0.0.1:*},
	 * {@code com.example.app:}
	 */
	static Optional<String> of(String redirectUri, boolean anyLoopbackPort) {
		if (redirectUri == null) {
			return Optional.empty();
		}
		URI uri;
		try {
			uri = new URI(redirectUri);
		}
		catch (URISyntaxException ex) {
			return Optional.empty();
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : null;
		if (scheme == null || !SCHEME.matcher(scheme).matches()) {
			return Optional.empty();
		}
		if (!scheme.equals("http") && !scheme.equals("https")) {
			// a private-use scheme of a native app (RFC 8252 §7.1): the scheme is the whole target
			return Optional.of(scheme + ":");
		}
		String host = (uri.getHost() != null) ? uri.getHost().toLowerCase(Locale.ROOT) : null;
		if (host == null) {
			return Optional.empty();
		}
		if (host.startsWith("[")) {
			// CSP host sources cannot name an IPv6 literal: for [::1] only the scheme can be allowed
			return LoopbackHost.is(host) ? Optional.of(scheme + ":") : Optional.empty();
		}
		if (!HOST.matcher(host).matches()) {
			return Optional.empty();
		}
		String port = (anyLoopbackPort && LoopbackHost.is(host)) ? ":*"
				: (uri.getPort() != -1) ? ":" + uri.getPort() : "";
		return Optional.of(scheme + "://" + host + port);
	}

}
