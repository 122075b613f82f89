package io.amagasa.authorization.store;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import com.nimbusds.jwt.SignedJWT;
import io.amagasa.authorization.testing.BrowserLogin;
import io.amagasa.authorization.testing.Flows;
import io.amagasa.authorization.testing.Http;
import io.amagasa.authorization.testing.OAuthClient;
import io.amagasa.authorization.testing.PostgresSchema;
import io.amagasa.authorization.testing.TestAuthorizationServerApplication;
import io.amagasa.authorization.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authorization server's state in the database: surviving a restart on the default H2 file database,
 * the same on PostgreSQL, and two instances sharing one PostgreSQL behaving as one.
 */
class PersistenceTest {

	static final String PASSWORD = "correct-horse-battery";

	static Map<String, Object> settings(int port, Map<String, Object> database) {
		Map<String, Object> settings = new HashMap<>(database);
		settings.put("amagasa.authorization-server.users.admin-username", "alice");
		settings.put("amagasa.authorization-server.users.admin-password", PASSWORD);
		settings.put("amagasa.authorization-server.resources[0].uri", "http://localhost:" + port + "/mcp");
		settings.put("amagasa.authorization-server.resources[0].scopes", "weather.read");
		settings.put("amagasa.authorization-server.registered-clients[0].client-id", "cli");
		settings.put("amagasa.authorization-server.registered-clients[0].redirect-uris", "http://127.0.0.1/callback");
		settings.put("amagasa.authorization-server.registered-clients[1].client-id", "rs");
		settings.put("amagasa.authorization-server.registered-clients[1].client-secret", "rs-secret");
		settings.put("amagasa.authorization-server.registered-clients[1].grant-types", "");
		return settings;
	}

	static OAuthClient cli(TestServer server) {
		return OAuthClient.publicClient(server.baseUrl(), "cli", "http://127.0.0.1:7001/callback");
	}

	static OAuthClient rs(TestServer server) {
		return OAuthClient.confidential(server.baseUrl(), "rs", "rs-secret", false, null);
	}

	static Map<String, Object> refreshed(TestServer server, Object refreshToken) {
		HttpResponse<String> response = cli(server).refresh((String) refreshToken, Map.of());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return Http.json(response);
	}

	static String kid(Object token) throws Exception {
		return SignedJWT.parse((String) token).getHeader().getKeyID();
	}

	/** No datasource configured: the H2 file database under amagasa.data-dir, kept across a restart. */
	@Test
	void restartOnTheDefaultH2FileDatabaseLosesNothing(@TempDir Path dataDir) throws Exception {
		restartLosesNothing(Map.of("amagasa.data-dir", dataDir.toString()));
		assertThat(Files.list(dataDir).map(path -> path.getFileName().toString())).anyMatch(
				name -> name.startsWith("amagasa"));
	}

	@Test
	void restartOnPostgresqlLosesNothing() throws Exception {
		try (PostgresSchema schema = PostgresSchema.create()) {
			restartLosesNothing(schema.settings());
		}
	}

	private void restartLosesNothing(Map<String, Object> database) throws Exception {
		int port = TestServer.freePort();
		Map<String, Object> before;
		try (TestServer server = TestServer.start(TestAuthorizationServerApplication.class, port,
				settings(port, database))) {
			before = Flows.tokens(new BrowserLogin(server.baseUrl(), "alice", PASSWORD), cli(server), Map.of());
		}
		try (TestServer server = TestServer.start(TestAuthorizationServerApplication.class, port,
				settings(port, database))) {
			Map<String, Object> after = refreshed(server, before.get("refresh_token"));
			assertThat(kid(after.get("access_token"))).isEqualTo(kid(before.get("access_token")));
			Flows.verified(server.baseUrl(), (String) before.get("access_token"));
			// the consent given before the restart still holds: no consent page this time
			Map<String, Object> again = Flows.tokens(new BrowserLogin(server.baseUrl(), "alice", PASSWORD),
					cli(server), Map.of());
			assertThat(again.get("access_token")).isNotNull();
		}
	}

	/**
	 * Two instances on one PostgreSQL: B publishes A's keys, A's tokens introspect at B, a refresh token
	 * rotated at A is a reuse at B (after the grace window), and a concurrent refresh at both leaves one
	 * active pair.
	 */
	@Test
	void twoInstancesSharingPostgresqlBehaveAsOne() throws Exception {
		try (PostgresSchema schema = PostgresSchema.create()) {
			Map<String, Object> database = new HashMap<>(schema.settings());
			database.put("amagasa.authorization-server.tokens.refresh-token-reuse-grace", "1s");
			int portA = TestServer.freePort();
			int portB = TestServer.freePort();
			// one issuer for both, as behind one load balancer
			Map<String, Object> a = settings(portA, database);
			Map<String, Object> b = settings(portA, database);
			b.put("amagasa.public-base-url", "http://localhost:" + portA);
			try (TestServer serverA = TestServer.start(TestAuthorizationServerApplication.class, portA, a);
					TestServer serverB = TestServer.start(TestAuthorizationServerApplication.class, portB, b)) {
				Map<String, Object> tokens = Flows.tokens(new BrowserLogin(serverA.baseUrl(), "alice", PASSWORD),
						cli(serverA), Map.of());
				Flows.verified(serverB.baseUrl(), (String) tokens.get("access_token"));
				assertThat(Flows.introspect(rs(serverB), (String) tokens.get("access_token"), "active")).isEqualTo(true);

				Map<String, Object> rotated = refreshed(serverA, tokens.get("refresh_token"));
				Thread.sleep(1500);
				HttpResponse<String> reused = cli(serverB).refresh((String) tokens.get("refresh_token"), Map.of());
				assertThat(reused.statusCode()).isEqualTo(400);
				assertThat(Http.json(reused).get("error")).isEqualTo("invalid_grant");
				// the reuse revoked the family, at both instances
				assertThat(Flows.introspect(rs(serverA), (String) rotated.get("refresh_token"), "active")).isEqualTo(false);

				Map<String, Object> fresh = Flows.tokens(new BrowserLogin(serverA.baseUrl(), "alice", PASSWORD),
						cli(serverA), Map.of());
				CountDownLatch go = new CountDownLatch(1);
				List<CompletableFuture<HttpResponse<String>>> both = List.of(serverA, serverB)
					.stream()
					.map(server -> CompletableFuture.supplyAsync(() -> {
						try {
							go.await();
						}
						catch (InterruptedException ex) {
							Thread.currentThread().interrupt();
						}
						return cli(server).refresh((String) fresh.get("refresh_token"), Map.of());
					}))
					.toList();
				go.countDown();
				List<HttpResponse<String>> responses = both.stream().map(CompletableFuture::join).toList();
				responses.forEach(response -> assertThat(response.statusCode()).as(response.body()).isEqualTo(200));
				long active = responses.stream()
					.map(response -> (String) Http.json(response).get("refresh_token"))
					.filter(token -> Boolean.TRUE.equals(Flows.introspect(rs(serverB), token, "active")))
					.count();
				assertThat(active).isEqualTo(1);
			}
		}
	}

}
