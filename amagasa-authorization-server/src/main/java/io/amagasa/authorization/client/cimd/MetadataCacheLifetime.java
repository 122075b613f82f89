package io.amagasa.authorization.client.cimd;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import org.apache.hc.client5.http.utils.DateUtils;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpResponse;

/**
 * How long a fetched metadata document may be reused, from its HTTP caching headers (CIMD §4.4 "SHOULD
 * respect HTTP cache headers", AS-23; RFC 9111 §4.2):
 * <ul>
 * <li>{@code no-store} or {@code no-cache} (we do not revalidate): not cached;</li>
 * <li>{@code max-age=N}: N seconds (an unreadable value counts as 0, RFC 9111 §4.2.1);</li>
 * <li>otherwise {@code Expires} minus {@code Date} (or minus now without {@code Date}); an invalid
 * {@code Expires} means already expired;</li>
 * <li>no freshness information at all: the configured default;</li>
 * </ul>
 * minus the {@code Age} the response already has, and never more than the configured maximum (CIMD
 * §4.4 lets the AS bound the lifetime). The AS fetches documents for itself, with no user's credentials,
 * so it acts as a private cache: {@code private} does not prevent storing and {@code s-maxage} is
 * ignored. Error responses and invalid documents never get here: they are not cached at all.
 * <p>
 * Written by hand: HttpClient's caching module is a whole cache, not a header parser.
 */
final class MetadataCacheLifetime {

	private MetadataCacheLifetime() {
	}

	/**
	 * @param response the 200 response carrying the document
	 * @param now when the response arrived
	 * @param defaultLifetime the lifetime of a response without freshness information
	 * @param maxLifetime the upper bound
	 * @return the lifetime; zero means "do not cache"
	 */
	static Duration of(HttpResponse response, Instant now, Duration defaultLifetime, Duration maxLifetime) {
		Duration freshness = freshness(response, now, defaultLifetime).minus(age(response));
		if (freshness.isNegative()) {
			return Duration.ZERO;
		}
		return (freshness.compareTo(maxLifetime) > 0) ? maxLifetime : freshness;
	}

	private static Duration freshness(HttpResponse response, Instant now, Duration defaultLifetime) {
		Duration maxAge = null;
		for (Header header : response.getHeaders(HttpHeaders.CACHE_CONTROL)) {
			for (String directive : header.getValue().split(",")) {
				String[] nameAndValue = directive.trim().split("=", 2);
				String name = nameAndValue[0].trim().toLowerCase(Locale.ROOT);
				if (name.equals("no-store") || name.equals("no-cache")) {
					return Duration.ZERO;
				}
				if (name.equals("max-age") && maxAge == null) {
					maxAge = Duration.ofSeconds(deltaSeconds(nameAndValue));
				}
			}
		}
		if (maxAge != null) {
			return maxAge;
		}
		Header expires = response.getFirstHeader(HttpHeaders.EXPIRES);
		if (expires != null) {
			Instant expiresAt = DateUtils.parseStandardDate(expires.getValue());
			if (expiresAt == null) {
				return Duration.ZERO;
			}
			Header date = response.getFirstHeader(HttpHeaders.DATE);
			Instant dated = (date != null) ? DateUtils.parseStandardDate(date.getValue()) : null;
			return Duration.between((dated != null) ? dated : now, expiresAt);
		}
		return defaultLifetime;
	}

	private static long deltaSeconds(String[] nameAndValue) {
		if (nameAndValue.length < 2) {
			return 0;
		}
		String value = nameAndValue[1].trim().replace("\"", "");
		if (!value.matches("\\d{1,10}")) {
			return 0;
		}
		return Long.parseLong(value);
	}

	private static Duration age(HttpResponse response) {
		Header age = response.getFirstHeader(HttpHeaders.AGE);
		if (age == null || !age.getValue().trim().matches("\\d{1,10}")) {
			return Duration.ZERO;
		}
		return Duration.ofSeconds(Long.parseLong(age.getValue().trim()));
	}

}
