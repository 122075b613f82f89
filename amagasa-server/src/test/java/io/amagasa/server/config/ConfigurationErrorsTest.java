package io.amagasa.server.config;

import java.util.stream.Stream;

import io.amagasa.server.AmagasaServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.builder.SpringApplicationBuilder;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A wrong setting stops start-up with a message that names the setting and says what is expected. */
class ConfigurationErrorsTest {

	static Stream<Arguments> wrongSettings() {
		return Stream.of(
				Arguments.of(new String[] { "amagasa.auth.mode=external" },
						"amagasa.auth.external.issuer is not set: expected the issuer identifier"),
				Arguments.of(new String[] { "amagasa.public-base-url=https://mcp.example.com/" },
						"amagasa.public-base-url: 'https://mcp.example.com/' must not end with '/'"),
				Arguments.of(new String[] { "amagasa.public-base-url=mcp.example.com" },
						"amagasa.public-base-url: 'mcp.example.com' is not an absolute http(s) URL"),
				Arguments.of(new String[] { "amagasa.auth.mode=none", "server.address=0.0.0.0" },
						"amagasa.auth.mode=none requires server.address to be a loopback address"),
				Arguments.of(new String[] { "amagasa.auth.mode=entra", "amagasa.auth.entra.tenant-id=contoso" },
						"amagasa.auth.entra.client-id is not set"),
				Arguments.of(
						new String[] { "amagasa.auth.mode=entra", "amagasa.auth.entra.tenant-id=contoso",
								"amagasa.auth.entra.client-id=6e74172b-be56-4843-9ff4-e66a39bb12e3" },
						"amagasa.auth.entra: Entra tenantId must be a tenant GUID"),
				Arguments.of(new String[] { "amagasa.auth.mode=sideways" }, "amagasa.auth.mode"),
				Arguments.of(new String[] { "amagasa.http.allowed-origins=https://app.example/path" },
						"amagasa.http.allowed-origins: 'https://app.example/path' is not an origin"),
				Arguments.of(new String[] { "amagasa.auth.mode=external", "amagasa.auth.external.issuer=https://as.example",
						"amagasa.auth.token.clock-skew=10m" }, "5"),
				Arguments.of(new String[] { "amagasa.auth.mode=external", "amagasa.auth.external.issuer=https://as.example",
						"amagasa.auth.ssl-bundle=corporate-ca" },
						"amagasa.auth.ssl-bundle: no SSL bundle named 'corporate-ca' is configured: expected the name of a "
								+ "bundle under spring.ssl.bundle.pem.* or spring.ssl.bundle.jks.*"));
	}

	@ParameterizedTest
	@MethodSource("wrongSettings")
	void startUpFailsNamingTheSetting(String[] settings, String message) {
		// Command-line arguments, as a user passes them: they override application.yaml.
		String baseUrl = Stream.of(settings).anyMatch(setting -> setting.startsWith("amagasa.public-base-url=")) ? ""
				: "amagasa.public-base-url=http://localhost:1";
		String[] arguments = Stream.concat(Stream.of("server.port=0", baseUrl), Stream.of(settings))
			.filter(setting -> !setting.isEmpty())
			.map(setting -> "--" + setting)
			.toArray(String[]::new);
		assertThatThrownBy(() -> new SpringApplicationBuilder(AmagasaServer.class).run(arguments).close()).satisfies(failure -> org.assertj.core.api.Assertions.assertThat(messages(failure)).contains(message));
	}

	private static String messages(Throwable failure) {
		StringBuilder all = new StringBuilder();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			all.append(cause.getMessage()).append('\n');
		}
		return all.toString();
	}

}
