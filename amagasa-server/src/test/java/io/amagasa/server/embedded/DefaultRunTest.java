package io.amagasa.server.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.amagasa.authorization.testing.Http;
import io.amagasa.authorization.testing.TestServer;
import io.amagasa.server.AmagasaServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Started with no settings (bar a free port and a data directory of its own), the server runs the embedded
 * authorization server on loopback, its issuer derived from the port and named by the MCP endpoint's metadata.
 */
class DefaultRunTest {

	@Test
	void defaultSettingsStartTheEmbeddedAuthorizationServer(@TempDir Path dataDir) throws Exception {
		int port = TestServer.freePort();
		// TestServer sets amagasa.public-base-url; the default run has none: an empty value restores that
		try (TestServer server = TestServer.start(AmagasaServer.class, port,
				Map.of("amagasa.data-dir", dataDir.toString(), "amagasa.public-base-url", ""))) {
			Map<String, Object> resourceMetadata = Http
				.json(Http.get(server.baseUrl() + "/.well-known/oauth-protected-resource/mcp"));
			assertThat(resourceMetadata.get("authorization_servers")).isEqualTo(List.of("http://localhost:" + port));
			Map<String, Object> metadata = Http.json(Http.get(server.baseUrl() + "/.well-known/oauth-authorization-server"));
			assertThat(metadata.get("issuer")).isEqualTo("http://localhost:" + port);
			assertThat(metadata.get("scopes_supported")).isEqualTo(
					List.of("weather.read", "weather.alerts", "weather.forecast", "offline_access", "openid"));
			assertThat(server.context().getEnvironment().getProperty("server.address")).isEqualTo("127.0.0.1");
		}
		try (var files = Files.list(dataDir)) {
			assertThat(files.map(file -> file.getFileName().toString())).anyMatch(name -> name.startsWith("amagasa"));
		}
	}

}
