package io.amagasa.authorization;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import io.amagasa.authorization.testing.TestAuthorizationServerApplication;
import io.amagasa.authorization.testing.TestServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A wrong {@code amagasa.authorization-server.*} setting stops start-up with a message naming it. */
class ConfigurationErrorsTest {

	static final String P = "amagasa.authorization-server.";

	static Stream<Arguments> wrongSettings() {
		return Stream.of(Arguments.of(Map.of(P + "issuer", "http://localhost:1/"), P + "issuer: 'http://localhost:1/' must not end with '/'"),
				Arguments.of(Map.of(P + "issuer", "http://as.example.com"), P + "issuer: 'http://as.example.com' must use https"),
				Arguments.of(Map.of(P + "issuer", "https://as.example.com?x=1"), P + "issuer: 'https://as.example.com?x=1' must have no query"),
				Arguments.of(Map.of(P + "resources[0].uri", "https://mcp.example.com/mcp#top"), P + "resources[0]: 'https://mcp.example.com/mcp#top' is not a resource identifier"),
				Arguments.of(Map.of(P + "resources[0].uri", ""), P + "resources[0].uri is not set"),
				Arguments.of(Map.of(P + "resources[0].uri", "https://a.example/mcp", P + "resources[1].uri", "HTTPS://A.EXAMPLE:443/mcp"),
						P + "resources[1].uri: 'HTTPS://A.EXAMPLE:443/mcp' names the same resource as an earlier entry"),
				Arguments.of(client("redirect-uris", "http://app.example/callback"), P + "registered-clients[0].redirect-uris[0]: 'http://app.example/callback' must be an absolute https URI"),
				Arguments.of(client("scopes", "weather.write"), P + "registered-clients[0].scopes: 'weather.write' is not a scope of any protected resource"),
				Arguments.of(client("client-authentication-methods", "private_key_jwt"), P + "registered-clients[0].client-authentication-methods: 'private_key_jwt' is not one of"),
				Arguments.of(client("client-authentication-methods", "client_secret_basic"), P + "registered-clients[0].client-secret is not set"),
				Arguments.of(client("grant-types", "client_credentials"), P + "registered-clients[0].grant-types: 'client_credentials' is not one of"),
				Arguments.of(client("grant-types", "refresh_token"), P + "registered-clients[0].grant-types: refresh_token needs authorization_code"),
				Arguments.of(Map.of(P + "registered-clients[0].client-id", "c", P + "registered-clients[1].client-id", "c"), P + "registered-clients[1].client-id: 'c' is configured twice"),
				Arguments.of(Map.of(P + "tokens.access-token-time-to-live", "0s"), P + "tokens.access-token-time-to-live: 'PT0S' must be a positive duration"),
				Arguments.of(Map.of(P + "tokens.refresh-token-reuse-grace", "5m"), P + "tokens.refresh-token-reuse-grace: 'PT5M' must be between 0s and 1m"),
				Arguments.of(Map.of(P + "keys.rotation-interval", "1h", P + "keys.pre-publication", "2h"), P + "keys.pre-publication: 'PT2H' must be at least 0s and shorter than keys.rotation-interval"));
	}

	/** A public client with a loopback redirect URI, plus the setting under test. */
	static Map<String, Object> client(String setting, String value) {
		Map<String, Object> settings = new HashMap<>(Map.of(P + "registered-clients[0].client-id", "cli", P + "registered-clients[0].redirect-uris",
				"http://127.0.0.1/callback"));
		settings.put(P + "registered-clients[0]." + setting, value);
		return settings;
	}

	@ParameterizedTest
	@MethodSource("wrongSettings")
	void startUpFailsNamingTheSetting(Map<String, Object> wrong, String message) {
		assertThatThrownBy(() -> TestServer.start(TestAuthorizationServerApplication.class, port -> {
			Map<String, Object> settings = new HashMap<>(Map.of("spring.datasource.url", "jdbc:h2:mem:errors-" + port,
					P + "resources[0].uri", "http://localhost:" + port + "/mcp", P + "resources[0].scopes", "weather.read"));
			settings.putAll(wrong);
			return settings;
		}).close()).satisfies(failure -> assertThat(messages(failure)).contains(message));
	}

	@ParameterizedTest
	@MethodSource("noResources")
	void aStandaloneServerNeedsResources(Map<String, Object> settings) {
		assertThatThrownBy(() -> TestServer.start(TestAuthorizationServerApplication.class, port -> settings).close())
			.satisfies(failure -> assertThat(messages(failure)).contains(P + "resources is empty"));
	}

	static Stream<Map<String, Object>> noResources() {
		return Stream.of(Map.of("spring.datasource.url", "jdbc:h2:mem:no-resources"));
	}

	private static String messages(Throwable failure) {
		StringBuilder all = new StringBuilder();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			all.append(cause.getMessage()).append('\n');
		}
		return all.toString();
	}

}
