package io.amagasa.authorization.client.cimd;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * The addresses a metadata document must never be fetched from (CIMD §6.5 MUST NOT, AS-24, SBP-07):
 * every block of the IANA IPv4 and IPv6 Special-Purpose Address Registries (RFC 6890 and its updates),
 * plus IPv4 multicast. For IPv6 the rule is an allow-list: only global unicast ({@code 2000::/3}, RFC
 * 4291 §2.4) minus its special-purpose blocks is reachable; everything outside it (loopback,
 * unspecified, link-local, unique-local, multicast, NAT64, discard-only, IPv4-compatible ...) is
 * refused. An IPv4-mapped IPv6 address ({@code ::ffff:0:0/96}) is judged as the IPv4 address it carries.
 * <p>
 * CIDR matching is Spring Security's {@link IpAddressMatcher}; the block list itself is data copied from
 * the registries (no library ships it).
 */
final class SpecialUseAddresses {

	/** A special-purpose block and the name given in the refusal. */
	private record Block(String cidr, String name, IpAddressMatcher matcher) {

		Block(String cidr, String name) {
			this(cidr, name, new IpAddressMatcher(cidr));
		}

	}

	private static final Block LOOPBACK_V4 = new Block("127.0.0.0/8", "loopback, RFC 1122");

	private static final Block LOOPBACK_V6 = new Block("::1/128", "loopback, RFC 4291");

	private static final List<Block> IPV4 = List.of(
			new Block("0.0.0.0/8", "\"this network\", RFC 791"),
			new Block("10.0.0.0/8", "private-use, RFC 1918"),
			new Block("100.64.0.0/10", "shared address space, RFC 6598"),
			LOOPBACK_V4,
			new Block("169.254.0.0/16", "link-local, RFC 3927"),
			new Block("172.16.0.0/12", "private-use, RFC 1918"),
			new Block("192.0.0.0/24", "IETF protocol assignments, RFC 6890"),
			new Block("192.0.2.0/24", "documentation (TEST-NET-1), RFC 5737"),
			new Block("192.31.196.0/24", "AS112-v4, RFC 7535"),
			new Block("192.52.193.0/24", "AMT, RFC 7450"),
			new Block("192.88.99.0/24", "deprecated 6to4 relay anycast, RFC 7526"),
			new Block("192.168.0.0/16", "private-use, RFC 1918"),
			new Block("192.175.48.0/24", "direct delegation AS112 service, RFC 7534"),
			new Block("198.18.0.0/15", "benchmarking, RFC 2544"),
			new Block("198.51.100.0/24", "documentation (TEST-NET-2), RFC 5737"),
			new Block("203.0.113.0/24", "documentation (TEST-NET-3), RFC 5737"),
			new Block("224.0.0.0/4", "multicast, RFC 5771"),
			new Block("240.0.0.0/4", "reserved, RFC 1112 (includes limited broadcast 255.255.255.255)"));

	/** Named blocks outside global unicast, so that the common refusals say what they are. */
	private static final List<Block> IPV6_OUTSIDE_GLOBAL_UNICAST = List.of(
			new Block("::/128", "unspecified address, RFC 4291"),
			LOOPBACK_V6,
			new Block("::/96", "deprecated IPv4-compatible address, RFC 4291"),
			new Block("64:ff9b::/96", "IPv4/IPv6 translation (NAT64), RFC 6052"),
			new Block("64:ff9b:1::/48", "local-use IPv4/IPv6 translation, RFC 8215"),
			new Block("100::/64", "discard-only, RFC 6666"),
			new Block("fc00::/7", "unique-local, RFC 4193"),
			new Block("fe80::/10", "link-local, RFC 4291"),
			new Block("fec0::/10", "deprecated site-local, RFC 3879"),
			new Block("ff00::/8", "multicast, RFC 4291"));

	private static final Block GLOBAL_UNICAST = new Block("2000::/3", "global unicast, RFC 4291");

	private static final List<Block> IPV6_INSIDE_GLOBAL_UNICAST = List.of(
			new Block("2001::/23", "IETF protocol assignments (Teredo, benchmarking, ORCHID ...), RFC 2928"),
			new Block("2001:db8::/32", "documentation, RFC 3849"),
			new Block("2002::/16", "6to4, RFC 3056"),
			new Block("3fff::/20", "documentation, RFC 9637"));

	private SpecialUseAddresses() {
	}

	/**
	 * @return the special-purpose block the address belongs to, as {@code "10.0.0.0/8 (private-use, RFC
	 * 1918)"}; empty when the address is an ordinary, globally reachable unicast address
	 */
	static Optional<String> blockOf(InetAddress address) {
		InetAddress normalized = normalize(address);
		String literal = normalized.getHostAddress();
		if (normalized instanceof Inet4Address) {
			return IPV4.stream().filter(block -> block.matcher().matches(literal)).findFirst().map(SpecialUseAddresses::describe);
		}
		Optional<Block> outside = IPV6_OUTSIDE_GLOBAL_UNICAST.stream()
			.filter(block -> block.matcher().matches(literal))
			.findFirst();
		if (outside.isPresent()) {
			return outside.map(SpecialUseAddresses::describe);
		}
		if (!GLOBAL_UNICAST.matcher().matches(literal)) {
			return Optional.of("not " + describe(GLOBAL_UNICAST));
		}
		return IPV6_INSIDE_GLOBAL_UNICAST.stream()
			.filter(block -> block.matcher().matches(literal))
			.findFirst()
			.map(SpecialUseAddresses::describe);
	}

	/** {@code 127.0.0.0/8} or {@code ::1}: what the development switch {@code allow-loopback} lets through. */
	static boolean isLoopback(InetAddress address) {
		InetAddress normalized = normalize(address);
		String literal = normalized.getHostAddress();
		return LOOPBACK_V4.matcher().matches(literal) || LOOPBACK_V6.matcher().matches(literal);
	}

	/**
	 * Drops any IPv6 scope id (so the literal parses without an interface lookup) and turns an
	 * IPv4-mapped IPv6 address into the IPv4 address it maps to.
	 */
	private static InetAddress normalize(InetAddress address) {
		byte[] bytes = address.getAddress();
		try {
			if (address instanceof Inet6Address && isIpv4Mapped(bytes)) {
				return InetAddress.getByAddress(Arrays.copyOfRange(bytes, 12, 16));
			}
			return InetAddress.getByAddress(bytes);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException("An address of " + bytes.length + " bytes", ex);
		}
	}

	private static boolean isIpv4Mapped(byte[] bytes) {
		for (int i = 0; i < 10; i++) {
			if (bytes[i] != 0) {
				return false;
			}
		}
		return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
	}

	private static String describe(Block block) {
		return block.cidr() + " (" + block.name() + ")";
	}

}
