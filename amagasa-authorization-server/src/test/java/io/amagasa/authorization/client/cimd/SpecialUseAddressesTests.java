package io.amagasa.authorization.client.cimd;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** RFC 6890 special-purpose addresses, refused as metadata-document hosts (CIMD §6.5, SBP-07). */
class SpecialUseAddressesTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			0.0.0.0          | 0.0.0.0/8
			10.0.0.1         | 10.0.0.0/8
			100.64.0.1       | 100.64.0.0/10
			127.0.0.1        | 127.0.0.0/8
			127.255.255.254  | 127.0.0.0/8
			169.254.169.254  | 169.254.0.0/16
			172.16.0.1       | 172.16.0.0/12
			172.31.255.255   | 172.16.0.0/12
			192.0.0.170      | 192.0.0.0/24
			192.0.2.10       | 192.0.2.0/24
			192.88.99.1      | 192.88.99.0/24
			192.168.1.1      | 192.168.0.0/16
			198.18.0.1       | 198.18.0.0/15
			198.19.255.1     | 198.18.0.0/15
			198.51.100.7     | 198.51.100.0/24
			203.0.113.9      | 203.0.113.0/24
			224.0.0.251      | 224.0.0.0/4
			239.255.255.250  | 224.0.0.0/4
			240.0.0.1        | 240.0.0.0/4
			255.255.255.255  | 240.0.0.0/4
			::               | ::/128
			::1              | ::1/128
			::a00:1          | ::/96
			64:ff9b::a00:1   | 64:ff9b::/96
			64:ff9b:1::1     | 64:ff9b:1::/48
			100::1           | 100::/64
			fc00::1          | fc00::/7
			fd12:3456::1     | fc00::/7
			fe80::1          | fe80::/10
			fec0::1          | fec0::/10
			ff02::1          | ff00::/8
			2001::1          | 2001::/23
			2001:db8::1      | 2001:db8::/32
			2002:a00:1::1    | 2002::/16
			3fff::1          | 3fff::/20
			::ffff:10.0.0.1  | 10.0.0.0/8
			::ffff:127.0.0.1 | 127.0.0.0/8
			""")
	@DisplayName("Special-purpose blocks are refused and named; IPv4-mapped IPv6 addresses are judged as IPv4")
	void specialUse(String address, String block) throws UnknownHostException {
		assertThat(SpecialUseAddresses.blockOf(InetAddress.getByName(address))).hasValueSatisfying(
				description -> assertThat(description).startsWith(block + " ("));
	}

	@ParameterizedTest
	@ValueSource(strings = { "8.8.8.8", "93.184.216.34", "172.32.0.1", "100.128.0.1", "192.0.3.1", "1.1.1.1",
			"2606:4700:4700::1111", "2a00:1450:4001::200e", "::ffff:8.8.8.8" })
	@DisplayName("Globally routable unicast addresses pass")
	void globalUnicast(String address) throws UnknownHostException {
		assertThat(SpecialUseAddresses.blockOf(InetAddress.getByName(address))).isEmpty();
	}

	@Test
	@DisplayName("Space outside IPv6 global unicast is refused even where no named block covers it")
	void outsideGlobalUnicast() throws UnknownHostException {
		assertThat(SpecialUseAddresses.blockOf(InetAddress.getByName("4000::1")))
			.hasValue("not 2000::/3 (global unicast, RFC 4291)");
	}

	@Test
	@DisplayName("An Inet6Address carrying an IPv4-mapped address, and one with a scope id, are judged correctly")
	void constructedIpv6Addresses() throws UnknownHostException {
		byte[] mapped = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 169, (byte) 254, (byte) 169,
				(byte) 254 };
		assertThat(SpecialUseAddresses.blockOf(Inet6Address.getByAddress("metadata", mapped, -1)))
			.hasValueSatisfying(description -> assertThat(description).startsWith("169.254.0.0/16"));
		byte[] linkLocal = InetAddress.getByName("fe80::1").getAddress();
		assertThat(SpecialUseAddresses.blockOf(Inet6Address.getByAddress("scoped", linkLocal, 3)))
			.hasValueSatisfying(description -> assertThat(description).startsWith("fe80::/10"));
	}

	@Test
	@DisplayName("Loopback, and only loopback, is what allow-loopback lets through")
	void loopback() throws UnknownHostException {
		assertThat(SpecialUseAddresses.isLoopback(InetAddress.getByName("127.0.0.1"))).isTrue();
		assertThat(SpecialUseAddresses.isLoopback(InetAddress.getByName("127.1.2.3"))).isTrue();
		assertThat(SpecialUseAddresses.isLoopback(InetAddress.getByName("::1"))).isTrue();
		assertThat(SpecialUseAddresses.isLoopback(InetAddress.getByName("10.0.0.1"))).isFalse();
		assertThat(SpecialUseAddresses.isLoopback(InetAddress.getByName("169.254.169.254"))).isFalse();
		assertThat(SpecialUseAddresses.isLoopback(InetAddress.getByName("::"))).isFalse();
	}

}
