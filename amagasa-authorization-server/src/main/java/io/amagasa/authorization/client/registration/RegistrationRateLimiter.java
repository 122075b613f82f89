package io.amagasa.authorization.client.registration;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * A token bucket per client address for the registration endpoint: a burst of {@code requests}, refilled
 * continuously at {@code requests} per {@code period}. IPv6 addresses count per /64, since one host
 * usually controls a whole /64. Buckets idle for a period are full again and are dropped; at most
 * {@value #MAX_TRACKED_ADDRESSES} addresses are tracked (the registration cap bounds the rest).
 * Written by hand: it is twenty lines, and no rate-limiting library is on the classpath.
 */
final class RegistrationRateLimiter {

	static final int MAX_TRACKED_ADDRESSES = 100_000;

	private final int capacity;

	private final Duration period;

	private final Clock clock;

	private final Cache<String, Bucket> buckets;

	RegistrationRateLimiter(int requests, Duration period, Clock clock) {
		this.capacity = requests;
		this.period = period;
		this.clock = clock;
		this.buckets = Caffeine.newBuilder().maximumSize(MAX_TRACKED_ADDRESSES).expireAfterAccess(period).build();
	}

	/**
	 * Takes one registration from the address's bucket.
	 * @param remoteAddress the client's IP address, as the servlet container reports it
	 * @return empty when admitted; otherwise how long until the next registration would be
	 */
	Optional<Duration> acquire(String remoteAddress) {
		Bucket bucket = this.buckets.get(key(remoteAddress), address -> new Bucket(this.capacity, this.clock.instant()));
		return bucket.take(this.clock.instant());
	}

	/** The address, or for IPv6 its /64 prefix. A container reports IP literals, which parse without DNS. */
	static String key(String remoteAddress) {
		if (remoteAddress == null || remoteAddress.indexOf(':') < 0) {
			return String.valueOf(remoteAddress);
		}
		try {
			byte[] bytes = InetAddress.getByName(remoteAddress).getAddress();
			return (bytes.length == 16) ? HexFormat.of().formatHex(bytes, 0, 8) + "::/64" : remoteAddress;
		}
		catch (UnknownHostException ex) {
			return remoteAddress;
		}
	}

	private final class Bucket {

		private double tokens;

		private Instant refilled;

		Bucket(double tokens, Instant refilled) {
			this.tokens = tokens;
			this.refilled = refilled;
		}

		synchronized Optional<Duration> take(Instant now) {
			long periodNanos = RegistrationRateLimiter.this.period.toNanos();
			double elapsed = Math.max(0, Duration.between(this.refilled, now).toNanos());
			this.tokens = Math.min(RegistrationRateLimiter.this.capacity,
					this.tokens + elapsed * RegistrationRateLimiter.this.capacity / periodNanos);
			this.refilled = now;
			if (this.tokens >= 1) {
				this.tokens -= 1;
				return Optional.empty();
			}
			double missing = 1 - this.tokens;
			return Optional.of(Duration.ofNanos((long) Math.ceil(missing * periodNanos / RegistrationRateLimiter.this.capacity)));
		}

	}

}
