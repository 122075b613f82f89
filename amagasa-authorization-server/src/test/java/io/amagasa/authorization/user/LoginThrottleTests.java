package io.amagasa.authorization.user;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LoginThrottleTests {

	private final AtomicLong nanos = new AtomicLong();

	private final LoginThrottle throttle = new LoginThrottle(
			new UsersProperties.LoginThrottle(5, Duration.ofMinutes(15), 1000), this.nanos::get);

	@Test
	void locksOutAUsernameAndAddressAfterFiveWrongPasswordsInARow() {
		for (int i = 0; i < 4; i++) {
			this.throttle.failed("alice", "192.0.2.1");
		}
		assertThat(this.throttle.isLockedOut("alice", "192.0.2.1")).isFalse();
		this.throttle.failed("alice", "192.0.2.1");
		assertThat(this.throttle.isLockedOut("alice", "192.0.2.1")).isTrue();
		assertThat(this.throttle.isLockedOut("ALICE ", "192.0.2.1")).as("the same account, written differently").isTrue();
	}

	@Test
	void someoneGuessingElsewhereDoesNotLockOutThePersonNorOtherNames() {
		for (int i = 0; i < 5; i++) {
			this.throttle.failed("alice", "198.51.100.7");
		}
		assertThat(this.throttle.isLockedOut("alice", "192.0.2.1")).isFalse();
		assertThat(this.throttle.isLockedOut("bob", "198.51.100.7")).isFalse();
	}

	@Test
	void theLockoutEndsAfterItsDurationSinceTheLastFailure() {
		for (int i = 0; i < 5; i++) {
			this.throttle.failed("alice", "192.0.2.1");
		}
		advance(Duration.ofMinutes(14));
		assertThat(this.throttle.isLockedOut("alice", "192.0.2.1")).isTrue();
		advance(Duration.ofMinutes(2));
		assertThat(this.throttle.isLockedOut("alice", "192.0.2.1")).isFalse();
	}

	@Test
	void aSuccessfulSignInForgetsEarlierFailures() {
		for (int i = 0; i < 4; i++) {
			this.throttle.failed("alice", "192.0.2.1");
		}
		this.throttle.succeeded("alice", "192.0.2.1");
		this.throttle.failed("alice", "192.0.2.1");
		assertThat(this.throttle.isLockedOut("alice", "192.0.2.1")).isFalse();
	}

	@Test
	void anAttemptWithoutUsernameIsCountedToo() {
		for (int i = 0; i < 5; i++) {
			this.throttle.failed(null, "192.0.2.1");
		}
		assertThat(this.throttle.isLockedOut(null, "192.0.2.1")).isTrue();
	}

	private void advance(Duration duration) {
		this.nanos.addAndGet(duration.toNanos());
	}

}
