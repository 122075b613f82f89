package io.amagasa.authorization;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code amagasa.authorization-server.*} settings of the embedded OAuth 2.1 authorization server.
 * Validated at start-up: a wrong value stops the server with a message naming the setting.
 *
 * @param issuer the issuer identifier (RFC 8414 §2), byte-identical to what the protected resources'
 * metadata names (RS-07, AS-04); unset: {@code amagasa.public-base-url}, else
 * {@code http://localhost:{server.port}}
 * @param resources the protected resources tokens may be issued for (RFC 8707); the first is the default
 * for requests that name none; unset: the application's own resources ({@code ProtectedResource} beans,
 * e.g. the MCP endpoint)
 * @param registeredClients clients registered from configuration, upserted at start-up (the
 * {@code clients.*} keys belong to metadata-document clients and dynamic registration)
 * @param tokens lifetimes of codes and tokens
 * @param keys signing-key rotation
 */
@ConfigurationProperties("amagasa.authorization-server")
public record AuthorizationServerProperties(URI issuer, @DefaultValue List<Resource> resources,
		@DefaultValue List<Client> registeredClients, @DefaultValue Tokens tokens, @DefaultValue Keys keys) {

	static final String PREFIX = "amagasa.authorization-server";

	/** Scopes of the authorization server itself, granted for any resource. */
	public static final Set<String> SERVER_SCOPES = Set.of("openid", "offline_access");

	public AuthorizationServerProperties {
		Set<String> clientIds = new HashSet<>();
		for (int i = 0; i < registeredClients.size(); i++) {
			String clientId = registeredClients.get(i).clientId();
			if (!clientIds.add(clientId)) {
				throw new IllegalArgumentException(
						PREFIX + ".registered-clients[" + i + "].client-id: '" + clientId + "' is configured twice");
			}
		}
	}

	/**
	 * A protected resource (RFC 8707 §2, RFC 9728 §1.2).
	 *
	 * @param uri its resource identifier, e.g. {@code https://mcp.example.com/mcp}: absolute, no fragment; a
	 * token's {@code aud} is this value exactly
	 * @param name a human-readable name
	 * @param scopes the scopes it understands
	 */
	public record Resource(URI uri, String name, @DefaultValue List<String> scopes) {

	}

	/**
	 * A client registered from configuration.
	 *
	 * @param clientId the {@code client_id}
	 * @param clientSecret the secret of a confidential client, stored hashed; unset: a public client
	 * @param clientAuthenticationMethods {@code none}, {@code client_secret_basic}, {@code client_secret_post};
	 * unset: {@code none} for a public client, both secret methods for a confidential one
	 * @param redirectUris exact redirect URIs: {@code https}, or {@code http} on loopback (AS-30), where
	 * {@code 127.0.0.1}, {@code [::1]} and {@code localhost} match any port (AS-31)
	 * @param scopes the scopes it may request, also what it gets when it requests none; unset: every scope
	 * of every resource plus {@code openid} and {@code offline_access}
	 * @param clientName shown on the consent page; unset: the client id
	 * @param grantTypes {@code authorization_code} and/or {@code refresh_token}; empty: none, for a
	 * confidential client that only introspects or revokes (a resource server)
	 * @param requireConsent whether the user approves the client's scopes once (AS-33)
	 */
	public record Client(String clientId, String clientSecret, @DefaultValue List<String> clientAuthenticationMethods,
			@DefaultValue List<String> redirectUris, List<String> scopes, String clientName,
			@DefaultValue({ "authorization_code", "refresh_token" }) List<String> grantTypes,
			@DefaultValue("true") boolean requireConsent) {

		public Client {
			if (clientId == null || clientId.isBlank()) {
				throw new IllegalArgumentException(PREFIX + ".registered-clients[].client-id is not set: expected the client_id");
			}
		}

		public boolean confidential() {
			return this.clientSecret != null && !this.clientSecret.isEmpty();
		}

		@Override
		public String toString() {
			return "Client[clientId=" + this.clientId + ", clientSecret=" + (confidential() ? "****" : "none")
					+ ", redirectUris=" + this.redirectUris + ", grantTypes=" + this.grantTypes + "]";
		}

	}

	/**
	 * @param accessTokenTimeToLive how long an access token is valid (AS-12: short-lived)
	 * @param refreshTokenTimeToLive how long a refresh token is valid; each rotation issues a new one
	 * @param authorizationCodeTimeToLive how long an authorization code may be redeemed
	 * @param refreshTokenReuseGrace how long after its first use a refresh token may be presented again as a
	 * retry of a lost response, getting a fresh pair instead of revoking its family (AS-13)
	 */
	public record Tokens(@DefaultValue("10m") Duration accessTokenTimeToLive,
			@DefaultValue("30d") Duration refreshTokenTimeToLive,
			@DefaultValue("2m") Duration authorizationCodeTimeToLive,
			@DefaultValue("10s") Duration refreshTokenReuseGrace) {

		public Tokens {
			requirePositive("tokens.access-token-time-to-live", accessTokenTimeToLive);
			requirePositive("tokens.refresh-token-time-to-live", refreshTokenTimeToLive);
			requirePositive("tokens.authorization-code-time-to-live", authorizationCodeTimeToLive);
			if (refreshTokenReuseGrace == null || refreshTokenReuseGrace.isNegative()
					|| refreshTokenReuseGrace.compareTo(Duration.ofMinutes(1)) > 0) {
				throw new IllegalArgumentException(PREFIX + ".tokens.refresh-token-reuse-grace: '"
						+ refreshTokenReuseGrace + "' must be between 0s and 1m (a retry comes within seconds)");
			}
		}

	}

	/**
	 * @param rotationInterval how long a signing key signs before the next one takes over
	 * @param prePublication how long a new key is published before it signs, so that resource servers
	 * with a cached JWK set already know it (longer than their JWK set cache lifetime)
	 */
	/**
	 * @param rotationInterval how long a key signs
	 * @param prePublication how long a new key is published before it signs
	 * @param signatureProvider who computes the signatures: {@code auto} (AWS-LC through Amazon Corretto Crypto
	 * Provider where its native library loads and passes its self-tests, else the JDK), {@code native} (AWS-LC
	 * or the server does not start) or {@code jdk}
	 */
	public record Keys(@DefaultValue("30d") Duration rotationInterval, @DefaultValue("15m") Duration prePublication,
			@DefaultValue("auto") SignatureProvider signatureProvider) {

		public Keys {
			requirePositive("keys.rotation-interval", rotationInterval);
			if (prePublication == null || prePublication.isNegative()
					|| prePublication.compareTo(rotationInterval) >= 0) {
				throw new IllegalArgumentException(PREFIX + ".keys.pre-publication: '" + prePublication
						+ "' must be at least 0s and shorter than keys.rotation-interval (" + rotationInterval + ")");
			}
		}

	}

	/** Who computes the signatures of tokens: see {@link Keys#signatureProvider()}. */
	public enum SignatureProvider {

		AUTO, NATIVE, JDK

	}

	private static void requirePositive(String setting, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(PREFIX + "." + setting + ": '" + value + "' must be a positive duration");
		}
	}

}
