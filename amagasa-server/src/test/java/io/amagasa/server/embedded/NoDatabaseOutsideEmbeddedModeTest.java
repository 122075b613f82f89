package io.amagasa.server.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import javax.sql.DataSource;

import io.amagasa.authorization.testing.Http;
import io.amagasa.authorization.testing.TestServer;
import io.amagasa.server.AmagasaServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

import static org.assertj.core.api.Assertions.assertThat;

/** In {@code none} and {@code external} mode the server has no authorization server and no database. */
class NoDatabaseOutsideEmbeddedModeTest {

	@ParameterizedTest
	@ValueSource(strings = { "none", "external" })
	void noDatabaseIsCreatedOrOpened(String mode, @TempDir Path dataDir) throws Exception {
		try (TestServer server = TestServer.start(AmagasaServer.class, TestServer.freePort(),
				Map.of("amagasa.data-dir", dataDir.toString(), "amagasa.auth.mode", mode,
						"amagasa.auth.external.issuer", "https://as.example.com",
						"amagasa.auth.external.jwk-set-uri", "https://as.example.com/jwks"))) {
			assertThat(server.context().getBeanNamesForType(DataSource.class)).isEmpty();
			assertThat(server.context().getBeanNamesForType(RegisteredClientRepository.class)).isEmpty();
			assertThat(Http.get(server.baseUrl() + "/.well-known/oauth-authorization-server").statusCode())
				.isNotEqualTo(200);
		}
		try (var files = Files.list(dataDir)) {
			assertThat(files).isEmpty();
		}
	}

}
