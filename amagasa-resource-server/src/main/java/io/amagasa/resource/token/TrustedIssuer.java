package io.amagasa.resource.token;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * One authorization server whose access tokens this resource server accepts.
 *
 * @param issuer the issuer identifier, compared byte for byte with {@code iss} (RFC 9068 §4) and
 * with the {@code issuer} of its metadata (RFC 8414 §3.3)
 * @param jwkSetUri where its signing keys are; {@code null} to read {@code jwks_uri} from its
 * metadata (RFC 8414, then OpenID Connect Discovery), fetched lazily on first use
 * @param audiences accepted {@code aud} values: the resource URL plus any aliases (RS-20)
 * @param requireAtJwtType whether the JOSE {@code typ} must be {@code at+jwt} (RFC 9068 §2.1)
 * @param introspection how to introspect its opaque tokens (RFC 7662), or {@code null} for JWTs only
 */
public record TrustedIssuer(String issuer, URI jwkSetUri, List<String> audiences, boolean requireAtJwtType,
		Introspection introspection) {

	public TrustedIssuer {
		if (issuer == null || issuer.isBlank()) {
			throw new IllegalArgumentException("issuer must not be empty");
		}
		audiences = List.copyOf(Objects.requireNonNull(audiences, "audiences"));
		if (audiences.isEmpty() || audiences.stream().anyMatch(String::isBlank)) {
			throw new IllegalArgumentException("issuer " + issuer + " needs at least one non-empty audience (RS-20)");
		}
	}

	/**
	 * RFC 7662 introspection with {@code client_secret_basic} client authentication.
	 *
	 * @param endpoint the introspection endpoint
	 * @param clientId the resource server's client id at the authorization server
	 * @param clientSecret its secret
	 */
	public record Introspection(URI endpoint, String clientId, String clientSecret) {

		public Introspection {
			Objects.requireNonNull(endpoint, "endpoint");
			Objects.requireNonNull(clientId, "clientId");
			Objects.requireNonNull(clientSecret, "clientSecret");
		}

		/** Keeps the secret out of logs and error messages. */
		@Override
		public String toString() {
			return "Introspection[endpoint=" + this.endpoint + ", clientId=" + this.clientId + ", clientSecret=****]";
		}

	}

}
