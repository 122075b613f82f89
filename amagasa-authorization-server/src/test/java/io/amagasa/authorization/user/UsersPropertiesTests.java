package io.amagasa.authorization.user;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class UsersPropertiesTests {

	@Test
	void refusesAThrottleThatCannotWork() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new UsersProperties.LoginThrottle(0, Duration.ofMinutes(15), 1000))
			.withMessage("amagasa.authorization-server.users.login-throttle.max-failures: '0' must be at least 1");
		assertThatIllegalArgumentException().isThrownBy(() -> new UsersProperties.LoginThrottle(5, Duration.ZERO, 1000))
			.withMessageStartingWith("amagasa.authorization-server.users.login-throttle.lockout: 'PT0S' must be a positive");
	}

	@Test
	void neverPrintsTheAdminPassword() {
		UsersProperties properties = new UsersProperties("admin", "a-secret-password",
				new UsersProperties.LoginThrottle(5, Duration.ofMinutes(15), 1000));
		assertThat(properties.toString()).doesNotContain("a-secret-password").contains("adminPassword=****");
	}

}
