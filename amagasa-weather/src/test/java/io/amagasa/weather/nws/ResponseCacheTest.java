package io.amagasa.weather.nws;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import org.junit.jupiter.api.Test;

class ResponseCacheTest {

	private final AtomicInteger loads = new AtomicInteger();

	@Test
	void reusesAFreshEntry() {
		ResponseCache<String, String> cache = new ResponseCache<>(10, Duration.ofHours(1));

		cache.get("k", loader(Duration.ofMinutes(5)));
		cache.get("k", loader(Duration.ofMinutes(5)));

		assertThat(this.loads).hasValue(1);
	}

	@Test
	void storesNothingWithoutALifetime() {
		ResponseCache<String, String> cache = new ResponseCache<>(10, Duration.ofHours(1));

		cache.get("k", loader(Duration.ZERO));
		cache.get("k", loader(Duration.ZERO));

		assertThat(this.loads).hasValue(2);
	}

	@Test
	void capsTheLifetimeAtMaxTtl() throws InterruptedException {
		ResponseCache<String, String> cache = new ResponseCache<>(10, Duration.ofMillis(50));

		cache.get("k", loader(Duration.ofDays(1)));
		Thread.sleep(120);
		cache.get("k", loader(Duration.ofDays(1)));

		assertThat(this.loads).hasValue(2);
	}

	@Test
	void isOffWithAZeroMaxTtl() {
		ResponseCache<String, String> noTtl = new ResponseCache<>(10, Duration.ZERO);
		noTtl.get("k", loader(Duration.ofMinutes(5)));
		noTtl.get("k", loader(Duration.ofMinutes(5)));

		assertThat(this.loads).hasValue(2);
	}

	@Test
	void neverStoresAFailure() {
		ResponseCache<String, String> cache = new ResponseCache<>(10, Duration.ofHours(1));
		Supplier<Fresh<String>> failing = () -> {
			this.loads.incrementAndGet();
			throw new NwsException(NwsFailure.UNAVAILABLE, "GET /x: HTTP 503");
		};

		assertThatExceptionOfType(NwsException.class).isThrownBy(() -> cache.get("k", failing));
		assertThat(cache.get("k", loader(Duration.ofMinutes(5)))).isEqualTo("body 2");
	}

	private Supplier<Fresh<String>> loader(Duration lifetime) {
		return () -> new Fresh<>("body " + this.loads.incrementAndGet(), lifetime);
	}

}
