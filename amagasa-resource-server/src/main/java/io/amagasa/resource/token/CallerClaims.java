package io.amagasa.resource.token;

import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Reads a {@link Caller} out of verified claims, JWT or introspection alike. Scopes come from
 * {@code scope} (a space-separated string, RFC 8693 §4.2 / RFC 9068 §2.2.3) or {@code scp} (a
 * string or an array, as Entra and others send it); the client from {@code client_id} (RFC 9068
 * §2.2), else {@code azp} (Entra v2.0), else {@code appid} (Entra v1.0).
 */
final class CallerClaims {

	private final UnaryOperator<String> scpName;

	/**
	 * @param scpName how a {@code scp} value becomes a full scope name (Entra's short names are
	 * qualified with the identifier URI; elsewhere they are kept as they are)
	 */
	CallerClaims(UnaryOperator<String> scpName) {
		this.scpName = scpName;
	}

	Caller caller(String issuer, Map<String, Object> claims) {
		Map<String, Object> normalized = new LinkedHashMap<>(claims);
		normalized.replaceAll((name, value) -> (value instanceof Date date) ? date.toInstant() : value);
		Set<String> scopes = new LinkedHashSet<>();
		addAll(scopes, normalized.get("scope"), UnaryOperator.identity());
		addAll(scopes, normalized.get("scp"), this.scpName);
		Set<String> roles = new LinkedHashSet<>();
		addAll(roles, normalized.get("roles"), UnaryOperator.identity());
		return new Caller(issuer, string(normalized, "sub"), clientId(normalized), scopes, roles,
				string(normalized, "tid"), instant(normalized.get("exp")), normalized);
	}

	private static String clientId(Map<String, Object> claims) {
		for (String name : new String[] { "client_id", "azp", "appid" }) {
			String value = string(claims, name);
			if (value != null) {
				return value;
			}
		}
		return null;
	}

	private static void addAll(Set<String> target, Object claim, UnaryOperator<String> name) {
		if (claim instanceof String value) {
			for (String item : value.split(" ")) {
				if (!item.isEmpty()) {
					target.add(name.apply(item));
				}
			}
		}
		else if (claim instanceof Collection<?> values) {
			for (Object item : values) {
				if (item instanceof String value && !value.isEmpty()) {
					target.add(name.apply(value));
				}
			}
		}
	}

	private static String string(Map<String, Object> claims, String name) {
		Object value = claims.get(name);
		return (value != null) ? value.toString() : null;
	}

	private static Instant instant(Object value) {
		if (value instanceof Instant instant) {
			return instant;
		}
		if (value instanceof Number seconds) {
			return Instant.ofEpochSecond(seconds.longValue());
		}
		return null;
	}

}
