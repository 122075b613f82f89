package io.amagasa.authorization.user;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code amagasa.authorization-server.users.*} settings: the people who sign in to the embedded
 * authorization server. Validated at start-up.
 *
 * @param adminUsername the name of the account created on first start (when there are no accounts at
 * all); default {@code admin}
 * @param adminPassword the password of that account; unset: the environment variable
 * {@code AMAGASA_ADMIN_PASSWORD}, else a generated one, printed once. Ignored once any account exists.
 * @param loginThrottle how repeated wrong passwords slow down guessing
 */
@ConfigurationProperties(UsersProperties.PREFIX)
public record UsersProperties(@DefaultValue("admin") String adminUsername, String adminPassword,
		@DefaultValue LoginThrottle loginThrottle) {

	static final String PREFIX = "amagasa.authorization-server.users";

	/**
	 * Per username and client address: after {@code maxFailures} wrong passwords in a row, sign-in
	 * attempts for that pair are refused without checking the password until {@code lockout} has passed
	 * since the last wrong one. Keyed by address too, so that someone guessing from elsewhere cannot lock
	 * a person out of their own account.
	 *
	 * @param maxFailures wrong passwords in a row before the lockout
	 * @param lockout how long the lockout lasts, and how long a failure is remembered
	 * @param maxTracked how many username and address pairs are remembered at most, bounding memory under
	 * a flood of made-up names
	 */
	public record LoginThrottle(@DefaultValue("5") int maxFailures, @DefaultValue("15m") Duration lockout,
			@DefaultValue("100000") int maxTracked) {

		public LoginThrottle {
			if (maxFailures < 1) {
				throw new IllegalArgumentException(
						PREFIX + ".login-throttle.max-failures: '" + maxFailures + "' must be at least 1");
			}
			if (lockout == null || lockout.isNegative() || lockout.isZero()) {
				throw new IllegalArgumentException(
						PREFIX + ".login-throttle.lockout: '" + lockout + "' must be a positive duration, e.g. 15m");
			}
			if (maxTracked < 1) {
				throw new IllegalArgumentException(
						PREFIX + ".login-throttle.max-tracked: '" + maxTracked + "' must be at least 1");
			}
		}

	}

	@Override
	public String toString() {
		return "UsersProperties[adminUsername=" + this.adminUsername + ", adminPassword=" + ((this.adminPassword == null) ? "unset" : "****")
				+ ", loginThrottle=" + this.loginThrottle + "]";
	}

}
