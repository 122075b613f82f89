package io.amagasa.authorization.client.cimd;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Client ID Metadata Documents, bound from {@code amagasa.authorization-server.clients.cimd.*} and
 * validated at start-up (an invalid value stops the application with a message naming the setting).
 *
 * @param enabled whether URL-form {@code client_id}s are resolved through their metadata documents
 * (AS-15, AS-17); when off they are unknown clients. The core publishes
 * {@code client_id_metadata_document_supported} (AS-16) from this flag.
 * @param allowLoopback DEVELOPMENT AND TESTS ONLY: also fetch from loopback addresses
 * ({@code 127.0.0.0/8}, {@code ::1}) and accept plain {@code http} client ids on a loopback host. CIMD
 * §6.5 forbids this in production: an attacker's client id would make the server call itself.
 * @param connectTimeout the longest wait for a connection, the TLS handshake, or a free connection
 * @param readTimeout the longest wait between two bytes; a whole fetch gets connect plus read timeout
 * @param defaultCacheLifetime how long a document without caching headers is reused (AS-23)
 * @param maxCacheLifetime the longest any document is reused, whatever its headers allow
 * @param cacheMaximumSize how many documents are kept; 0 keeps none
 * @param maxConcurrentFetches how many documents are fetched at the same time; further fetches wait up to
 * {@code connectTimeout} for a slot and then fail
 * @param allowedScopes the scopes a metadata-document client may have: its document's {@code scope}
 * narrowed to this list, or this whole list when the document names none; unset: every scope of every
 * protected resource plus {@code openid} and {@code offline_access}, as for clients from configuration
 */
@ConfigurationProperties("amagasa.authorization-server.clients.cimd")
public record ClientIdMetadataDocumentProperties(@DefaultValue("true") boolean enabled,
		@DefaultValue("false") boolean allowLoopback, @DefaultValue("2s") Duration connectTimeout,
		@DefaultValue("3s") Duration readTimeout, @DefaultValue("5m") Duration defaultCacheLifetime,
		@DefaultValue("24h") Duration maxCacheLifetime, @DefaultValue("10000") long cacheMaximumSize,
		@DefaultValue("16") int maxConcurrentFetches, List<String> allowedScopes) {

	private static final String PREFIX = "amagasa.authorization-server.clients.cimd.";

	/** Longer waits let one slow client id hold an authorization request (and a fetch slot) hostage. */
	static final Duration MAX_TIMEOUT = Duration.ofSeconds(30);

	public ClientIdMetadataDocumentProperties {
		requireBetween("connect-timeout", connectTimeout, Duration.ofMillis(1), MAX_TIMEOUT);
		requireBetween("read-timeout", readTimeout, Duration.ofMillis(1), MAX_TIMEOUT);
		requireBetween("max-cache-lifetime", maxCacheLifetime, Duration.ZERO, Duration.ofDays(7));
		requireBetween("default-cache-lifetime", defaultCacheLifetime, Duration.ZERO, maxCacheLifetime);
		if (cacheMaximumSize < 0) {
			throw new IllegalArgumentException(PREFIX + "cache-maximum-size must be zero or positive, got "
					+ cacheMaximumSize);
		}
		if (maxConcurrentFetches < 1 || maxConcurrentFetches > 1000) {
			throw new IllegalArgumentException(PREFIX + "max-concurrent-fetches must be between 1 and 1000, got "
					+ maxConcurrentFetches);
		}
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

	private static void requireBetween(String name, Duration value, Duration min, Duration max) {
		if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
			throw new IllegalArgumentException(
					PREFIX + name + " must be between " + min + " and " + max + ", got " + value);
		}
	}

}
