package io.amagasa.resource.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

/**
 * Callers already verified, keyed by the token string, in a bounded Caffeine cache. An entry lives
 * until the token's {@code exp} and never longer than {@code maxLifetime}, so a cached answer is
 * never more permissive than a fresh one. The key is the token itself rather than a hash: a warm
 * hit then costs one {@code String.hashCode()} and {@code equals()} (well under a microsecond),
 * where SHA-256 alone would cost a few; the token already lives in this process for the request.
 */
final class ValidatedTokenCache {

	private final Cache<String, Caller> cache;

	private final Duration maxLifetime;

	private final Clock clock;

	ValidatedTokenCache(long maximumSize, Duration maxLifetime, Clock clock) {
		this.maxLifetime = maxLifetime;
		this.clock = clock;
		this.cache = Caffeine.newBuilder()
			.maximumSize(maximumSize)
			.ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
			.expireAfter(Expiry.creating((String token, Caller caller) -> lifetime(caller)))
			.build();
	}

	/** @return the caller verified earlier for this token and still within its lifetime, or {@code null} */
	Caller get(String token) {
		return this.cache.getIfPresent(token);
	}

	void put(String token, Caller caller) {
		Duration lifetime = lifetime(caller);
		if (!lifetime.isNegative() && !lifetime.isZero()) {
			this.cache.put(token, caller);
		}
	}

	private Duration lifetime(Caller caller) {
		Instant expiresAt = caller.expiresAt();
		if (expiresAt == null) {
			return this.maxLifetime;
		}
		Duration untilExpiry = Duration.between(this.clock.instant(), expiresAt);
		return (untilExpiry.compareTo(this.maxLifetime) < 0) ? untilExpiry : this.maxLifetime;
	}

}
