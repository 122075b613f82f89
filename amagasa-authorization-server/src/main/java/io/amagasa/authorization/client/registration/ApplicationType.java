package io.amagasa.authorization.client.registration;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

import io.amagasa.authorization.client.LoopbackHost;

/**
 * The {@code application_type} of a registration (OpenID Connect Dynamic Client Registration 1.0 §2),
 * which MCP clients MUST send since 2026-07-28 (SEP-837, AS-28), and the redirect URIs each type may
 * register. Every rule keeps AS-30 ("localhost or HTTPS") except the private-use schemes of native apps.
 * <ul>
 * <li>{@code native} (RFC 8252 §7): {@code http} on a loopback host ({@code 127.0.0.1}, {@code [::1]},
 * {@code localhost}; any port, §7.3), a private-use scheme in reverse-domain form, i.e. containing a
 * dot ({@code com.example.app:/callback}, §7.1), or a claimed {@code https} URL (§7.2);</li>
 * <li>{@code web}: {@code https} on a host other than a loopback one. OIDC DCR §2 says web clients
 * "MUST NOT use localhost" (for the implicit grant) and MCP says {@code web} is for remote apps, so a
 * loopback redirect must be registered as {@code native};</li>
 * <li>absent (clients older than SEP-837): OIDC's default is {@code web}, but rejecting loopback would
 * lock out every desktop client written before 2026, the very clients DCR is kept for. So an absent
 * type gets AS-30 exactly: {@code https}, or {@code http} on a loopback host. Private-use schemes need
 * an explicit {@code native}.</li>
 * </ul>
 */
enum ApplicationType {

	NATIVE, WEB, UNDECLARED;

	/**
	 * @param value the registration's {@code application_type}, or {@code null}
	 * @return the type; empty for a value that is neither {@code native} nor {@code web}
	 */
	static Optional<ApplicationType> of(String value) {
		if (value == null) {
			return Optional.of(UNDECLARED);
		}
		return switch (value) {
			case "native" -> Optional.of(NATIVE);
			case "web" -> Optional.of(WEB);
			default -> Optional.empty();
		};
	}

	/** @return why this type may not register the URI; empty when it may */
	Optional<String> refusal(String redirectUri) {
		URI uri;
		try {
			uri = new URI(redirectUri);
		}
		catch (URISyntaxException ex) {
			return Optional.of("is not a valid URI");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		boolean loopback = LoopbackHost.is(uri.getHost());
		boolean https = scheme.equals("https") && uri.getHost() != null;
		boolean loopbackHttp = scheme.equals("http") && loopback;
		return switch (this) {
			case NATIVE -> (loopbackHttp || https || isPrivateUseScheme(scheme)) ? Optional.empty()
					: Optional.of("is not allowed for a native client, which may use http on a loopback host, "
							+ "https, or a private-use scheme in reverse-domain form such as com.example.app (RFC 8252 §7)");
			case WEB -> (https && !loopback) ? Optional.empty()
					: Optional.of("is not allowed for a web client, which must use https on a host other than "
							+ "localhost (register loopback redirect URIs with application_type native)");
			case UNDECLARED -> (https || loopbackHttp) ? Optional.empty()
					: Optional.of("must use https, or http on a loopback host; private-use schemes need "
							+ "application_type native");
		};
	}

	private static boolean isPrivateUseScheme(String scheme) {
		return scheme.contains(".");
	}

}
