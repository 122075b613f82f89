package io.amagasa.authorization.client.cimd;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Settings are validated at start-up with a message naming the setting. */
class ClientIdMetadataDocumentPropertiesTests {

	@Test
	@DisplayName("cimd.*: timeouts, cache bounds and concurrency")
	void cimd() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ClientIdMetadataDocumentProperties(true, false, Duration.ofMinutes(1),
					Duration.ofSeconds(3), Duration.ofMinutes(5), Duration.ofHours(24), 10, 16, List.of()))
			.withMessage("amagasa.authorization-server.clients.cimd.connect-timeout must be between PT0.001S and PT30S, got PT1M");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ClientIdMetadataDocumentProperties(true, false, Duration.ofSeconds(2),
					Duration.ofSeconds(3), Duration.ofHours(25), Duration.ofHours(24), 10, 16, List.of()))
			.withMessage("amagasa.authorization-server.clients.cimd.default-cache-lifetime must be between PT0S and PT24H, got PT25H");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ClientIdMetadataDocumentProperties(true, false, Duration.ofSeconds(2),
					Duration.ofSeconds(3), Duration.ofMinutes(5), Duration.ofHours(24), 10, 0, List.of()))
			.withMessage("amagasa.authorization-server.clients.cimd.max-concurrent-fetches must be between 1 and 1000, got 0");
	}

}
