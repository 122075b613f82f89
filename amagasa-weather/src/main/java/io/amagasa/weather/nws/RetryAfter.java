package io.amagasa.weather.nws;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.Optional;

import org.springframework.http.HttpHeaders;

/** Reads {@code Retry-After}, which is either a number of seconds or an HTTP date (RFC 9110 §10.2.3). */
final class RetryAfter {

	private RetryAfter() {
	}

	static Optional<Duration> of(HttpHeaders headers, Instant now) {
		String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
		if (value == null || value.isBlank()) {
			return Optional.empty();
		}
		if (value.trim().matches("\\d{1,12}")) {
			return Optional.of(Duration.ofSeconds(Long.parseLong(value.trim())));
		}
		try {
			ZonedDateTime date = headers.getFirstZonedDateTime(HttpHeaders.RETRY_AFTER);
			Duration wait = Duration.between(now, date.toInstant());
			return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
		}
		catch (IllegalArgumentException ex) {
			// Unreadable: fall back to our own backoff.
			return Optional.empty();
		}
	}

}
