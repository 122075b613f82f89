package io.amagasa.authorization.client;

import java.util.Locale;

/**
 * A URL host that names the local machine: {@code localhost}, an IPv4 loopback literal
 * ({@code 127.0.0.0/8}) or {@code [::1]}. This is the "localhost" of MCP's redirect rule (AS-30) and of
 * native-app loopback redirects (RFC 8252 §7.3). It judges the host as written, without resolving it.
 */
public final class LoopbackHost {

	private LoopbackHost() {
	}

	/** @param host a URL's host as {@link java.net.URI#getHost()} returns it; {@code null} is not loopback */
	public static boolean is(String host) {
		if (host == null) {
			return false;
		}
		String name = host.toLowerCase(Locale.ROOT);
		return name.equals("localhost") || name.equals("[::1]")
				|| name.matches("127\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)");
	}

}
