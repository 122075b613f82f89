package io.amagasa.weather.nws;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import org.springframework.http.HttpHeaders;

/**
 * How long a response may be reused, read from its HTTP caching headers (RFC 9111). This cache
 * serves many MCP clients, so it behaves as a shared cache: {@code s-maxage} wins over
 * {@code max-age}, and {@code private} forbids storing. A response without explicit freshness
 * is not cached at all (no heuristic freshness), so NWS decides.
 */
final class CacheLifetime {

	private CacheLifetime() {
	}

	/**
	 * @param headers the response headers
	 * @param now the time the response arrived, for {@code Expires} without a {@code Date}
	 * @return the remaining lifetime; zero means "do not cache"
	 */
	static Duration of(HttpHeaders headers, Instant now) {
		Duration freshness = freshness(headers, now);
		Duration remaining = freshness.minus(age(headers));
		return remaining.isNegative() ? Duration.ZERO : remaining;
	}

	private static Duration freshness(HttpHeaders headers, Instant now) {
		String cacheControl = String.join(",", headers.getOrEmpty(HttpHeaders.CACHE_CONTROL));
		Long maxAge = null;
		Long sharedMaxAge = null;
		for (String directive : cacheControl.split(",")) {
			String[] nameAndValue = directive.trim().split("=", 2);
			String name = nameAndValue[0].trim().toLowerCase(Locale.ROOT);
			switch (name) {
				case "no-store", "no-cache", "private" -> {
					return Duration.ZERO;
				}
				case "max-age" -> maxAge = seconds(nameAndValue);
				case "s-maxage" -> sharedMaxAge = seconds(nameAndValue);
				default -> {
					// Other directives (public, must-revalidate, ...) do not change how long we keep it.
				}
			}
		}
		if (sharedMaxAge != null) {
			return Duration.ofSeconds(sharedMaxAge);
		}
		if (maxAge != null) {
			return Duration.ofSeconds(maxAge);
		}
		return expires(headers, now);
	}

	/** An unreadable delta counts as zero: RFC 9111 treats such a response as stale. */
	private static long seconds(String[] nameAndValue) {
		if (nameAndValue.length < 2) {
			return 0;
		}
		String value = nameAndValue[1].trim().replace("\"", "");
		try {
			return Math.max(0, Long.parseLong(value));
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private static Duration expires(HttpHeaders headers, Instant now) {
		if (!headers.containsHeader(HttpHeaders.EXPIRES)) {
			return Duration.ZERO;
		}
		long expires = headers.getExpires();
		if (expires < 0) {
			// An invalid date, e.g. "0", means already expired.
			return Duration.ZERO;
		}
		return Duration.between(date(headers).orElse(now), Instant.ofEpochMilli(expires));
	}

	/** The response's {@code Date}, measured against {@code Expires} so that clock skew cancels out. */
	private static Optional<Instant> date(HttpHeaders headers) {
		try {
			long date = headers.getDate();
			return (date >= 0) ? Optional.of(Instant.ofEpochMilli(date)) : Optional.empty();
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	private static Duration age(HttpHeaders headers) {
		return Optional.ofNullable(headers.getFirst(HttpHeaders.AGE))
			.map(String::trim)
			.filter(value -> value.matches("\\d{1,12}"))
			.map(value -> Duration.ofSeconds(Long.parseLong(value)))
			.orElse(Duration.ZERO);
	}

}
