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
 * never more permissive than a fresh one. The key is the token itself rather than a digest: a hit
 * needs the whole token to be equal, character for character ({@link TokenKey}), where SHA-256 alone
 * would cost a few microseconds; the token already lives in this process for the request.
 * <p>
 * Maintenance (expiry, eviction) runs on the calling thread, in the few microseconds a batch of reads
 * takes: handed to the common pool (Caffeine's default), it woke a pool thread every few dozen requests.
 */
final class ValidatedTokenCache {

	private final Cache<TokenKey, Caller> cache;

	private final Duration maxLifetime;

	private final Clock clock;

	ValidatedTokenCache(long maximumSize, Duration maxLifetime, Clock clock) {
		this.maxLifetime = maxLifetime;
		this.clock = clock;
		this.cache = Caffeine.newBuilder()
			.maximumSize(maximumSize)
			.ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
			.expireAfter(Expiry.creating((TokenKey token, Caller caller) -> lifetime(caller)))
			.executor(Runnable::run)
			.build();
	}

	/** @return the caller verified earlier for this token and still within its lifetime, or {@code null} */
	Caller get(String token) {
		return this.cache.getIfPresent(new TokenKey(token));
	}

	void put(String token, Caller caller) {
		Duration lifetime = lifetime(caller);
		if (!lifetime.isNegative() && !lifetime.isZero()) {
			this.cache.put(new TokenKey(token), caller);
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

	/**
	 * A token as a cache key: equal only to the same token, whole, but hashed on its length and two
	 * 32-character samples, the middle and the end (a JWT's payload and signature), rather than on every
	 * character: String's hash walks the whole token, some 1 KB, on every request (JDK 17 does it a
	 * character at a time). The hash only spreads the entries; only a token that was verified is ever
	 * stored, and its signature is not the caller's to choose, so nobody can pile entries into one bucket.
	 * Written by hand: no library hashes a string on a sample of it.
	 */
	static final class TokenKey {

		private static final int SAMPLE = 32;

		private final String token;

		TokenKey(String token) {
			this.token = token;
		}

		@Override
		public int hashCode() {
			int length = this.token.length();
			if (length <= 2 * SAMPLE) {
				return this.token.hashCode();
			}
			int hash = length;
			int middle = (length - SAMPLE) / 2;
			for (int i = middle; i < middle + SAMPLE; i++) {
				hash = 31 * hash + this.token.charAt(i);
			}
			for (int i = length - SAMPLE; i < length; i++) {
				hash = 31 * hash + this.token.charAt(i);
			}
			return hash;
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof TokenKey key && this.token.equals(key.token);
		}

		/** Never the token: a key may end up in a message. */
		@Override
		public String toString() {
			return "TokenKey[" + this.token.length() + " characters]";
		}

	}

}
