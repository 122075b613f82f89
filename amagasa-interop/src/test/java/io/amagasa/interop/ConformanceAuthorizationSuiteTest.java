package io.amagasa.interop;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.amagasa.authorization.testing.BrowserLogin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The MCP conformance suite's {@code authorization} command (0.2.0-alpha.12) against the embedded
 * authorization server of the default run: the metadata scenario and the authorization-code scenario
 * (no {@code scope}, no {@code resource}, PKCE S256), with the login and consent driven automatically on
 * Amagasa's own pages, and the callback delivered to the suite's listener.
 */
class ConformanceAuthorizationSuiteTest {

	private static final Pattern AUTHORIZE_URL = Pattern.compile("(http://localhost:\\d+/oauth2/authorize\\?\\S+)");

	private static final String ADMIN_PASSWORD = "conformance-admin-password";

	@Test
	void bothScenariosPass(@TempDir Path data) throws Exception {
		int callbackPort = ServerProcess.freePort();
		try (ServerProcess server = ServerProcess.start("conformance-authorization",
				Map.of("AMAGASA_ADMIN_PASSWORD", ADMIN_PASSWORD), "--amagasa.data-dir=" + data,
				"--amagasa.authorization-server.registered-clients[0].client-id=conformance-client",
				"--amagasa.authorization-server.registered-clients[0].client-name=MCP conformance suite",
				"--amagasa.authorization-server.registered-clients[0].redirect-uris=http://127.0.0.1:" + callbackPort + "/callback");
				Node.Running suite = Node.start("conformance-authorization", Node.bin("conformance"), "authorization",
						"--url", issuer(server), "--client-id", "conformance-client", "-p", String.valueOf(callbackPort),
						"-o", Interop.reportsDir().resolve("conformance-authorization").toString())) {
			String authorizeUrl = awaitAuthorizeUrl(suite);
			BrowserLogin.Outcome outcome = new BrowserLogin(issuer(server), "admin", ADMIN_PASSWORD).authorize(authorizeUrl);
			assertThat(outcome.redirected()).as(outcome.body()).isTrue();
			assertThat(outcome.location()).startsWith("http://127.0.0.1:" + callbackPort + "/callback?");
			HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create(outcome.location())).build(), HttpResponse.BodyHandlers.discarding());

			Node.Result result = suite.await(120);
			assertThat(result.exitCode()).as(result.describe()).isZero();
			assertThat(result.stdout()).contains("authorization-server-metadata-endpoint")
				.contains("authorization-code-grant")
				.doesNotContain("✗");
			Files.writeString(Interop.reportsDir().resolve("conformance-authorization-tally.txt"), result.stdout());
		}
	}

	private static String issuer(ServerProcess server) {
		return "http://localhost:" + server.port();
	}

	private static String awaitAuthorizeUrl(Node.Running suite) throws Exception {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
		while (Instant.now().isBefore(deadline)) {
			Matcher matcher = AUTHORIZE_URL.matcher(suite.output());
			if (matcher.find()) {
				return matcher.group(1);
			}
			if (!suite.process().isAlive()) {
				throw new AssertionError("the suite ended before asking for authorization:\n" + suite.output());
			}
			Thread.sleep(200);
		}
		throw new AssertionError("the suite printed no authorization URL:\n" + suite.output());
	}

}
