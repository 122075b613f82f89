package io.amagasa.weather.nws;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;

class RetryAfterTest {

	private static final Instant NOW = Instant.parse("2025-06-09T12:00:00Z");

	@Test
	void readsSeconds() {
		assertThat(RetryAfter.of(headers("Retry-After", " 3 "), NOW)).contains(Duration.ofSeconds(3));
	}

	@Test
	void readsAnHttpDate() {
		assertThat(RetryAfter.of(headers("Retry-After", "Mon, 09 Jun 2025 12:00:05 GMT"), NOW))
			.contains(Duration.ofSeconds(5));
	}

	@Test
	void treatsAPastDateAsNoWait() {
		assertThat(RetryAfter.of(headers("Retry-After", "Mon, 09 Jun 2025 11:00:00 GMT"), NOW)).contains(Duration.ZERO);
	}

	@Test
	void ignoresAbsentOrUnreadableValues() {
		assertThat(RetryAfter.of(new HttpHeaders(), NOW)).isEmpty();
		assertThat(RetryAfter.of(headers("Retry-After", "soon"), NOW)).isEmpty();
		assertThat(RetryAfter.of(headers("Retry-After", "-1"), NOW)).isEmpty();
	}

	private static HttpHeaders headers(String name, String value) {
		HttpHeaders headers = new HttpHeaders();
		headers.add(name, value);
		return headers;
	}

}
