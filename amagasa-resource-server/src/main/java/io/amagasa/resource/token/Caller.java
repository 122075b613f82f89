package io.amagasa.resource.token;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The verified caller: what tools and policy may know about who is calling. It never holds the
 * token itself (RS-23, RS-26), so nothing downstream can pass it on or log it.
 *
 * @param issuer the authorization server that vouched for the caller ({@code iss}, or the
 * introspecting issuer when the introspection response has none)
 * @param subject {@code sub}, or {@code null} when an introspection response carries none
 * @param clientId the OAuth client: {@code client_id}, else {@code azp}, else {@code appid}; may be
 * {@code null}
 * @param scopes full scope names as this resource server names them (Entra short {@code scp} names
 * are expanded to {@code <identifierUri>/<scp>})
 * @param roles the {@code roles} claim (Entra application permissions and app roles)
 * @param tenantId the Entra tenant ({@code tid}) or {@code null}
 * @param expiresAt {@code exp}; {@code null} only for an introspected token without {@code exp}
 * @param claims every claim of the token (or introspection response); times ({@code exp},
 * {@code iat}, {@code nbf}) as {@link Instant}, everything else as parsed from JSON; unmodifiable
 */
public record Caller(String issuer, String subject, String clientId, Set<String> scopes, Set<String> roles,
		String tenantId, Instant expiresAt, Map<String, Object> claims) {

	public Caller {
		Objects.requireNonNull(issuer, "issuer");
		scopes = Set.copyOf(scopes);
		roles = Set.copyOf(roles);
		// JSON may carry null claim values, which Map.copyOf refuses
		claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
	}

}
