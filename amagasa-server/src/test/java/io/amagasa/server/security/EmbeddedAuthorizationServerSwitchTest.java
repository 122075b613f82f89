package io.amagasa.server.security;

import java.net.InetAddress;
import java.net.URI;
import java.util.Map;

import io.amagasa.authorization.metadata.IssuerIdentifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/** Which auto-configurations the mode lets in, and where the resource server reads the embedded keys. */
class EmbeddedAuthorizationServerSwitchTest {

	static final String[] CANDIDATES = { "io.amagasa.authorization.EmbeddedAuthorizationServerAutoConfiguration",
			"org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
			"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
			"org.springframework.boot.security.oauth2.server.authorization.autoconfigure.servlet.OAuth2AuthorizationServerJwtAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration" };

	static boolean[] matches(Map<String, String> settings) {
		MockEnvironment environment = new MockEnvironment();
		settings.forEach(environment::setProperty);
		EmbeddedAuthorizationServerSwitch filter = new EmbeddedAuthorizationServerSwitch();
		filter.setEnvironment(environment);
		return filter.match(CANDIDATES, null);
	}

	@Test
	void embeddedModeImportsTheAuthorizationServerAndItsDatabase() {
		assertThat(matches(Map.of())).containsExactly(true, true, true, true, true);
		assertThat(matches(Map.of("amagasa.auth.mode", "EMBEDDED"))).containsExactly(true, true, true, true, true);
	}

	@ParameterizedTest
	@CsvSource({ "amagasa.auth.mode, none", "amagasa.auth.mode, external", "amagasa.auth.mode, entra",
			"spring.main.web-application-type, none" })
	void otherModesAndStdioImportNeither(String setting, String value) {
		assertThat(matches(Map.of(setting, value))).containsExactly(false, false, false, false, true);
	}

	@ParameterizedTest
	@CsvSource({ "127.0.0.1, http://127.0.0.1:8080/oauth2/jwks", "0.0.0.0, http://127.0.0.1:8080/oauth2/jwks",
			"::1, http://[::1]:8080/oauth2/jwks", "192.0.2.10, https://mcp.example.com/oauth2/jwks" })
	void keysAreReadOverLoopbackWhenTheServerListensThere(String address, String jwkSetUri) throws Exception {
		ServerProperties server = new ServerProperties();
		server.setPort(8080);
		server.setAddress(InetAddress.getByName(address));
		assertThat(EmbeddedAuthorizationServerConfiguration.jwkSetUri(new IssuerIdentifier("https://mcp.example.com"),
				"/oauth2/jwks", server)).isEqualTo(URI.create(jwkSetUri));
	}

	@Test
	void withTlsTheKeysAreReadFromTheIssuer() throws Exception {
		ServerProperties server = new ServerProperties();
		server.setPort(8443);
		server.setAddress(InetAddress.getByName("127.0.0.1"));
		server.setSsl(Ssl.forBundle("server"));
		assertThat(EmbeddedAuthorizationServerConfiguration.jwkSetUri(new IssuerIdentifier("https://mcp.example.com"),
				"/oauth2/jwks", server)).isEqualTo(URI.create("https://mcp.example.com/oauth2/jwks"));
	}

}
