package io.amagasa.resource.rebinding;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code Host} authorities and {@code Origin} values a request may carry (TR-01, TR-02): the
 * configured public ones, and, for a connection that arrived on a loopback address, the loopback names
 * with the port it arrived on. The loopback rule is what lets a laptop server answer
 * {@code http://localhost:8080} and {@code http://127.0.0.1:8080} alike while a rebinding page served
 * from {@code evil.example.com} is refused.
 */
public final class AllowedHosts {

	private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]");

	private final Set<String> hosts;

	private final Set<String> origins;

	/**
	 * @param publicBaseUrl the URL clients use (its authority and origin are always allowed); {@code null}
	 * when the server is only reached on loopback
	 * @param extraHosts further {@code host[:port]} values, e.g. an internal load-balancer name
	 * @param extraOrigins further origins ({@code scheme://host[:port]}), e.g. a browser-based client
	 */
	public AllowedHosts(URI publicBaseUrl, Collection<String> extraHosts, Collection<URI> extraOrigins) {
		Set<String> hosts = new HashSet<>();
		Set<String> origins = new HashSet<>();
		if (publicBaseUrl != null) {
			hosts.addAll(authorities(publicBaseUrl));
			origins.addAll(originsOf(publicBaseUrl));
		}
		extraHosts.forEach(host -> hosts.add(host.toLowerCase(Locale.ROOT)));
		extraOrigins.forEach(origin -> origins.addAll(originsOf(origin)));
		this.hosts = Set.copyOf(hosts);
		this.origins = Set.copyOf(origins);
	}

	/**
	 * The loopback origins {@link #isAllowedOrigin} accepts on a loopback connection, as CORS origin patterns
	 * with any port: CORS runs after {@link DnsRebindingProtectionFilter}, which holds them to the
	 * server's own port.
	 */
	public static List<String> loopbackOriginPatterns() {
		List<String> patterns = new ArrayList<>();
		for (String name : LOOPBACK_NAMES) {
			patterns.add("http://" + name + ":[*]");
			patterns.add("https://" + name + ":[*]");
		}
		return patterns;
	}

	boolean isAllowedHost(String hostHeader, String localAddress, int localPort) {
		if (hostHeader == null || hostHeader.isBlank()) {
			return false;
		}
		String host = hostHeader.trim().toLowerCase(Locale.ROOT);
		if (this.hosts.contains(host)) {
			return true;
		}
		return isLoopback(localAddress) && loopbackAuthorities(localPort).contains(host);
	}

	boolean isAllowedOrigin(String origin, String localAddress, int localPort) {
		String normalized = origin.trim().toLowerCase(Locale.ROOT);
		if (this.origins.contains(normalized)) {
			return true;
		}
		if (!isLoopback(localAddress)) {
			return false;
		}
		for (String authority : loopbackAuthorities(localPort)) {
			if (normalized.equals("http://" + authority) || normalized.equals("https://" + authority)) {
				return true;
			}
		}
		return false;
	}

	private static Set<String> loopbackAuthorities(int port) {
		Set<String> authorities = new HashSet<>();
		for (String name : LOOPBACK_NAMES) {
			authorities.add(name + ":" + port);
			if (port == 80 || port == 443) {
				authorities.add(name);
			}
		}
		return authorities;
	}

	private static boolean isLoopback(String address) {
		if (address == null) {
			return false;
		}
		try {
			// The local address is a literal supplied by the servlet container: no DNS lookup happens.
			return InetAddress.getByName(address).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	/** {@code host:port}, and {@code host} alone when the port is the scheme's default. */
	private static Set<String> authorities(URI url) {
		String host = url.getHost().toLowerCase(Locale.ROOT);
		int port = url.getPort() != -1 ? url.getPort() : defaultPort(url.getScheme());
		Set<String> result = new HashSet<>();
		result.add(host + ":" + port);
		if (port == defaultPort(url.getScheme())) {
			result.add(host);
		}
		return result;
	}

	/** An origin is serialized without the default port (RFC 6454 §6.2); accept both spellings. */
	private static Set<String> originsOf(URI url) {
		String scheme = url.getScheme().toLowerCase(Locale.ROOT);
		Set<String> result = new HashSet<>();
		for (String authority : authorities(url)) {
			result.add(scheme + "://" + authority);
		}
		return result;
	}

	private static int defaultPort(String scheme) {
		return "https".equalsIgnoreCase(scheme) ? 443 : 80;
	}

}
