package io.amagasa.authorization.client.registration;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Settings are validated at start-up with a message naming the setting. */
class ClientRegistrationPropertiesTests {

	static final ClientRegistrationProperties.RateLimit RATE = new ClientRegistrationProperties.RateLimit(10,
			Duration.ofMinutes(1));

	@Test
	@DisplayName("registration.*: cap, lifetimes, rate limit and scopes")
	void registration() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ClientRegistrationProperties(true, true, RATE, 0, Duration.ofHours(24),
					Duration.ofHours(1), List.of()))
			.withMessage("amagasa.authorization-server.clients.registration.max-clients must be at least 1, got 0");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ClientRegistrationProperties(true, true, RATE, 10, Duration.ZERO, Duration.ofHours(1),
					List.of()))
			.withMessage("amagasa.authorization-server.clients.registration.unused-client-lifetime must be positive, got PT0S");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ClientRegistrationProperties.RateLimit(0, Duration.ofMinutes(1)))
			.withMessage("amagasa.authorization-server.clients.registration.rate-limit.requests must be at least 1, got 0");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ClientRegistrationProperties(true, true, RATE, 10, Duration.ofHours(24),
					Duration.ofHours(1), List.of("mcp tools")))
			.withMessage("amagasa.authorization-server.clients.registration.allowed-scopes contains 'mcp tools', "
					+ "which is not a scope token (RFC 6749 §3.3)");
	}

}
