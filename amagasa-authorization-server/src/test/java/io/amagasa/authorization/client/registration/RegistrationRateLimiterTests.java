package io.amagasa.authorization.client.registration;

import java.time.Duration;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The per-address token bucket of the registration endpoint (AS-27: open but bounded). */
class RegistrationRateLimiterTests {

	final MutableClock clock = new MutableClock();

	final RegistrationRateLimiter limiter = new RegistrationRateLimiter(10, Duration.ofMinutes(1), this.clock);

	@Test
	@DisplayName("10 registrations per minute: the 11th waits for the next token (6 s)")
	void burstThenWait() {
		for (int i = 0; i < 10; i++) {
			assertThat(this.limiter.acquire("203.0.113.7")).as("registration %d", i + 1).isEmpty();
		}
		assertThat(this.limiter.acquire("203.0.113.7")).hasValue(Duration.ofSeconds(6));
		assertThat(this.limiter.acquire("198.51.100.1")).as("another address has its own bucket").isEmpty();
	}

	@Test
	@DisplayName("Tokens come back over time, up to the burst size")
	void refill() {
		for (int i = 0; i < 10; i++) {
			this.limiter.acquire("203.0.113.7");
		}
		this.clock.advance(Duration.ofSeconds(6));
		assertThat(this.limiter.acquire("203.0.113.7")).isEmpty();
		assertThat(this.limiter.acquire("203.0.113.7")).isPresent();
		this.clock.advance(Duration.ofHours(1));
		for (int i = 0; i < 10; i++) {
			assertThat(this.limiter.acquire("203.0.113.7")).isEmpty();
		}
		assertThat(this.limiter.acquire("203.0.113.7")).isPresent();
	}

	@Test
	@DisplayName("IPv6 clients count per /64")
	void ipv6PerSlash64() {
		for (int i = 0; i < 10; i++) {
			assertThat(this.limiter.acquire("2001:db8:1:2::" + Integer.toHexString(i + 1))).isEmpty();
		}
		assertThat(this.limiter.acquire("2001:db8:1:2:ffff:ffff:ffff:ffff")).isPresent();
		assertThat(this.limiter.acquire("2001:db8:1:3::1")).isEmpty();
		assertThat(RegistrationRateLimiter.key("2001:db8:1:2::5")).isEqualTo("20010db800010002::/64");
		assertThat(RegistrationRateLimiter.key("192.0.2.1")).isEqualTo("192.0.2.1");
	}

}
