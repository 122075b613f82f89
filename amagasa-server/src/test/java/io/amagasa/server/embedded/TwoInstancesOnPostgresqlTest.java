package io.amagasa.server.embedded;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import io.amagasa.authorization.testing.BrowserLogin;
import io.amagasa.authorization.testing.Flows;
import io.amagasa.authorization.testing.Http;
import io.amagasa.authorization.testing.OAuthClient;
import io.amagasa.authorization.testing.Pkce;
import io.amagasa.authorization.testing.PostgresSchema;
import io.amagasa.authorization.testing.TestServer;
import io.amagasa.server.AmagasaServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two server instances on one PostgreSQL (a fresh schema), as behind one load balancer: one public URL and
 * issuer, one set of signing keys, one store of authorizations. A token issued by A is accepted by B's
 * resource server; a refresh at A invalidates the old refresh token at B; a code issued at A is redeemed at B.
 * The login page is the public URL's (A's here), as a browser behind the balancer would see it.
 */
class TwoInstancesOnPostgresqlTest {

	static final String PASSWORD = "correct-horse-battery";

	@Test
	void twoInstancesBehaveAsOne() throws Exception {
		try (PostgresSchema schema = PostgresSchema.create()) {
			int portA = TestServer.freePort();
			int portB = TestServer.freePort();
			try (TestServer a = TestServer.start(AmagasaServer.class, portA, settings(schema, portA));
					TestServer b = TestServer.start(AmagasaServer.class, portB, settings(schema, portA))) {
				OAuthClient atA = OAuthClient.publicClient(a.baseUrl(), "cli", "http://127.0.0.1:7200/callback");
				OAuthClient atB = OAuthClient.publicClient(b.baseUrl(), "cli", "http://127.0.0.1:7200/callback");
				Map<String, Object> tokens = Flows.tokens(new BrowserLogin(a.baseUrl(), "alice", PASSWORD), atA, Map.of());

				HttpResponse<String> atResourceServerB = McpRequests.initialize(b.baseUrl(),
						(String) tokens.get("access_token"));
				assertThat(atResourceServerB.statusCode()).as(atResourceServerB.body()).isEqualTo(200);

				HttpResponse<String> refreshedAtA = atA.refresh((String) tokens.get("refresh_token"), Map.of());
				assertThat(refreshedAtA.statusCode()).isEqualTo(200);
				Thread.sleep(1500);
				HttpResponse<String> oldTokenAtB = atB.refresh((String) tokens.get("refresh_token"), Map.of());
				assertThat(oldTokenAtB.statusCode()).isEqualTo(400);
				assertThat(Http.json(oldTokenAtB).get("error")).isEqualTo("invalid_grant");

				// a code issued at A is redeemed at B, and B's token is accepted at A
				Pkce pkce = Pkce.generate();
				BrowserLogin.Outcome outcome = new BrowserLogin(a.baseUrl(), "alice", PASSWORD)
					.authorize(atA.authorizationUrl(atA.authorizationRequest(pkce)));
				HttpResponse<String> exchangedAtB = atB.exchange(outcome.parameter("code"), pkce.verifier(), Map.of());
				assertThat(exchangedAtB.statusCode()).as(exchangedAtB.body()).isEqualTo(200);
				assertThat(McpRequests.initialize(a.baseUrl(), (String) Http.json(exchangedAtB).get("access_token"))
					.statusCode()).isEqualTo(200);
			}
		}
	}

	static Map<String, Object> settings(PostgresSchema schema, int publicPort) {
		Map<String, Object> settings = new HashMap<>(schema.settings());
		settings.put("amagasa.public-base-url", "http://localhost:" + publicPort);
		settings.put("amagasa.authorization-server.tokens.refresh-token-reuse-grace", "1s");
		settings.put("amagasa.authorization-server.users.admin-username", "alice");
		settings.put("amagasa.authorization-server.users.admin-password", PASSWORD);
		settings.put("amagasa.authorization-server.registered-clients[0].client-id", "cli");
		settings.put("amagasa.authorization-server.registered-clients[0].redirect-uris", "http://127.0.0.1/callback");
		return settings;
	}

}
