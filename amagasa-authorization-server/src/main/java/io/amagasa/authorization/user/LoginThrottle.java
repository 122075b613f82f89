package io.amagasa.authorization.user;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * Counts wrong passwords per username and client address, in memory (a restart forgets them), and says
 * when a pair is locked out: {@link UsersProperties.LoginThrottle#maxFailures()} failures in a row lock
 * it until {@link UsersProperties.LoginThrottle#lockout()} has passed since the last one. A locked-out
 * attempt is refused before its password is checked and does not extend the lockout. Whether the account
 * exists plays no part, so the throttle reveals nothing about which names exist.
 */
final class LoginThrottle {

	private final int maxFailures;

	private final Cache<Attempt, Integer> failures;

	LoginThrottle(UsersProperties.LoginThrottle settings, Ticker ticker) {
		this.maxFailures = settings.maxFailures();
		this.failures = Caffeine.newBuilder()
			.expireAfterWrite(settings.lockout())
			.maximumSize(settings.maxTracked())
			.ticker(ticker)
			.build();
	}

	boolean isLockedOut(String username, String address) {
		Integer count = this.failures.getIfPresent(new Attempt(username, address));
		return count != null && count >= this.maxFailures;
	}

	void failed(String username, String address) {
		this.failures.asMap().merge(new Attempt(username, address), 1, Integer::sum);
	}

	void succeeded(String username, String address) {
		this.failures.invalidate(new Attempt(username, address));
	}

	private record Attempt(String username, String address) {

		Attempt {
			username = String.valueOf(Username.canonical(username));
		}

	}

}
