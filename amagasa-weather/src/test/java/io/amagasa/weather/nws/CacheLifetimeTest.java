package io.amagasa.weather.nws;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.http.HttpHeaders;

class CacheLifetimeTest {

	private static final Instant NOW = Instant.parse("2025-06-09T12:00:00Z");

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			public, max-age=3600                  | 3600
			public, max-age=3600, s-maxage=120    | 120
			s-maxage=120, max-age=3600            | 120
			MAX-AGE=60                            | 60
			max-age="90"                          | 90
			max-age=abc                           | 0
			max-age=-5                            | 0
			max-age                               | 0
			public, max-age=600, no-store         | 0
			no-cache, max-age=600                 | 0
			private, max-age=600                  | 0
			public                                | 0
			""")
	void readsCacheControlAsASharedCache(String cacheControl, long seconds) {
		HttpHeaders headers = new HttpHeaders();
		headers.add(HttpHeaders.CACHE_CONTROL, cacheControl);

		assertThat(CacheLifetime.of(headers, NOW)).isEqualTo(Duration.ofSeconds(seconds));
	}

	@Test
	void readsCacheControlSplitOverSeveralHeaderLines() {
		HttpHeaders headers = new HttpHeaders();
		headers.add(HttpHeaders.CACHE_CONTROL, "public");
		headers.add(HttpHeaders.CACHE_CONTROL, "max-age=300");

		assertThat(CacheLifetime.of(headers, NOW)).isEqualTo(Duration.ofSeconds(300));
	}

	@Test
	void measuresExpiresFromTheResponseDate() {
		HttpHeaders headers = new HttpHeaders();
		headers.add(HttpHeaders.DATE, "Mon, 09 Jun 2025 08:00:00 GMT");
		headers.add(HttpHeaders.EXPIRES, "Mon, 09 Jun 2025 08:10:00 GMT");

		assertThat(CacheLifetime.of(headers, NOW)).isEqualTo(Duration.ofMinutes(10));
	}

	@Test
	void measuresExpiresFromArrivalWithoutADate() {
		HttpHeaders headers = new HttpHeaders();
		headers.add(HttpHeaders.EXPIRES, "Mon, 09 Jun 2025 12:05:00 GMT");

		assertThat(CacheLifetime.of(headers, NOW)).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void prefersMaxAgeOverExpires() {
		HttpHeaders headers = new HttpHeaders();
		headers.add(HttpHeaders.CACHE_CONTROL, "max-age=60");
		headers.add(HttpHeaders.EXPIRES, "Mon, 09 Jun 2025 13:00:00 GMT");

		assertThat(CacheLifetime.of(headers, NOW)).isEqualTo(Duration.ofSeconds(60));
	}

	@Test
	void treatsAnInvalidOrPastExpiresAsStale() {
		HttpHeaders invalid = new HttpHeaders();
		invalid.add(HttpHeaders.EXPIRES, "0");
		HttpHeaders past = new HttpHeaders();
		past.add(HttpHeaders.EXPIRES, "Mon, 09 Jun 2025 11:00:00 GMT");

		assertThat(CacheLifetime.of(invalid, NOW)).isZero();
		assertThat(CacheLifetime.of(past, NOW)).isZero();
	}

	@Test
	void subtractsTheAgeAlreadySpentInUpstreamCaches() {
		HttpHeaders headers = new HttpHeaders();
		headers.add(HttpHeaders.CACHE_CONTROL, "max-age=600");
		headers.add(HttpHeaders.AGE, "550");

		assertThat(CacheLifetime.of(headers, NOW)).isEqualTo(Duration.ofSeconds(50));
		headers.set(HttpHeaders.AGE, "700");
		assertThat(CacheLifetime.of(headers, NOW)).isZero();
	}

	@Test
	void doesNotCacheWithoutExplicitFreshness() {
		assertThat(CacheLifetime.of(new HttpHeaders(), NOW)).isZero();
	}

}
