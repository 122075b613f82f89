package io.amagasa.authorization.client.cimd;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

import org.apache.hc.client5.http.DnsResolver;

/**
 * The only way the metadata-document client turns a host name into addresses (CIMD §6.5, SBP-07 "pin
 * DNS"). It resolves through the wrapped resolver, refuses the host if ANY of its addresses is
 * special-use (a mixed answer is how rebinding attacks hide an internal address among public ones), and
 * hands exactly the addresses it checked to HttpClient, which connects to them and to nothing else. The
 * check and the connection therefore see the same address: there is no second lookup an attacker's DNS
 * could answer differently. TLS still runs against the URL's host name, because HttpClient's TLS
 * strategy takes the name from the request's target, not from the address.
 * <p>
 * IP literals in URLs pass through here too (the system resolver parses them without a DNS query), so
 * {@code https://10.0.0.1/x} is refused before any socket is opened.
 */
final class SpecialUseAddressGuard implements DnsResolver {

	private final DnsResolver delegate;

	private final boolean allowLoopback;

	/**
	 * @param delegate the resolver that answers (the system resolver in production)
	 * @param allowLoopback the development switch: let {@code 127.0.0.0/8} and {@code ::1} through
	 */
	SpecialUseAddressGuard(DnsResolver delegate, boolean allowLoopback) {
		this.delegate = delegate;
		this.allowLoopback = allowLoopback;
	}

	@Override
	public InetAddress[] resolve(String host) throws UnknownHostException {
		InetAddress[] addresses = this.delegate.resolve(host);
		if (addresses == null || addresses.length == 0) {
			throw new UnknownHostException(host);
		}
		for (InetAddress address : addresses) {
			if (this.allowLoopback && SpecialUseAddresses.isLoopback(address)) {
				continue;
			}
			Optional<String> block = SpecialUseAddresses.blockOf(address);
			if (block.isPresent()) {
				throw new RefusedAddressException(host, address, block.get());
			}
		}
		return addresses;
	}

	@Override
	public String resolveCanonicalHostname(String host) throws UnknownHostException {
		return this.delegate.resolveCanonicalHostname(host);
	}

	/**
	 * A host resolved to a special-use address. It extends {@link UnknownHostException} only because that
	 * is what {@link DnsResolver} may throw; the fetcher reports it as the refusal it is.
	 */
	static final class RefusedAddressException extends UnknownHostException {

		private static final long serialVersionUID = 1L;

		RefusedAddressException(String host, InetAddress address, String block) {
			super("the host " + host + " resolves to " + address.getHostAddress() + ", a special-use address in "
					+ block);
		}

	}

}
