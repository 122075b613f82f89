package io.amagasa.authorization.client.registration;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Dynamic Client Registration (RFC 7591; AS-27, AS-28), bound from
 * {@code amagasa.authorization-server.clients.registration.*} and validated at start-up.
 *
 * @param enabled whether the registration endpoint exists (Spring Authorization Server then publishes
 * {@code registration_endpoint} in the server metadata)
 * @param open whether anyone may register without an initial access token. {@code false} requires a
 * bearer access token with scope {@code client.create} issued by this server; requests without one
 * get 401 or 403.
 * @param rateLimit registrations per client address
 * @param maxClients how many dynamically registered clients may exist at once; beyond it registration
 * answers 503 until unused registrations are cleaned up
 * @param unusedClientLifetime how long a registration that never led to an authorization is kept
 * @param cleanupInterval how often unused registrations are deleted
 * @param allowedScopes the scopes a registered client may have: its requested {@code scope} narrowed
 * to this list, or this whole list when it requested none; unset: every scope of every protected
 * resource plus {@code openid} and {@code offline_access}, as for clients from configuration
 */
@ConfigurationProperties("amagasa.authorization-server.clients.registration")
public record ClientRegistrationProperties(@DefaultValue("true") boolean enabled, @DefaultValue("true") boolean open,
		@DefaultValue RateLimit rateLimit, @DefaultValue("10000") int maxClients,
		@DefaultValue("24h") Duration unusedClientLifetime, @DefaultValue("1h") Duration cleanupInterval,
		List<String> allowedScopes) {

	static final String PREFIX = "amagasa.authorization-server.clients.registration.";

	public ClientRegistrationProperties {
		if (maxClients < 1) {
			throw new IllegalArgumentException(PREFIX + "max-clients must be at least 1, got " + maxClients);
		}
		requirePositive("unused-client-lifetime", unusedClientLifetime);
		requirePositive("cleanup-interval", cleanupInterval);
		if (allowedScopes != null) {
			for (String scope : allowedScopes) {
				if (scope == null || !scope.matches("[\\x21\\x23-\\x5B\\x5D-\\x7E]+")) {
					throw new IllegalArgumentException(PREFIX + "allowed-scopes contains '" + scope
							+ "', which is not a scope token (RFC 6749 §3.3)");
				}
			}
			allowedScopes = List.copyOf(allowedScopes);
		}
	}

	/**
	 * A token bucket per client address (an IPv6 client counts per /64, the block one host usually has):
	 * up to {@code requests} registrations at once, refilled at {@code requests} per {@code period}.
	 * Each instance counts on its own. Behind a reverse proxy the address is the one Spring's forwarded
	 * header support reports ({@code server.forward-headers-strategy}).
	 *
	 * @param requests registrations allowed per period
	 * @param period the refill period
	 */
	public record RateLimit(@DefaultValue("10") int requests, @DefaultValue("1m") Duration period) {

		public RateLimit {
			if (requests < 1) {
				throw new IllegalArgumentException(PREFIX + "rate-limit.requests must be at least 1, got " + requests);
			}
			requirePositive("rate-limit.period", period);
		}

	}

	private static void requirePositive(String name, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(PREFIX + name + " must be positive, got " + value);
		}
	}

}
