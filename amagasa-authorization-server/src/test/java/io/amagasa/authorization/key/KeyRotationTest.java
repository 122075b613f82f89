package io.amagasa.authorization.key;

import java.text.ParseException;
import java.time.Duration;
import java.util.Map;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import io.amagasa.authorization.testing.BrowserLogin;
import io.amagasa.authorization.testing.Flows;
import io.amagasa.authorization.testing.Http;
import io.amagasa.authorization.testing.OAuthClient;
import io.amagasa.authorization.testing.TestAuthorizationServerApplication;
import io.amagasa.authorization.testing.TestServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Signing-key rotation on a running server (a 4-second interval, 1 second of pre-publication): new tokens
 * are signed with the new key, and a token signed before the rotation keeps verifying with the published
 * JWK set, as does the first one signed with the new key.
 */
class KeyRotationTest {

	@Test
	void rotationKeepsEarlierTokensVerifiable() throws ParseException {
		try (TestServer server = TestServer.start(TestAuthorizationServerApplication.class,
				port -> Map.of("spring.datasource.url", "jdbc:h2:mem:rotation-" + port, "amagasa.authorization-server.users.admin-username",
						"alice", "amagasa.authorization-server.users.admin-password", "correct-horse-battery",
						"amagasa.authorization-server.resources[0].uri", "http://localhost:" + port + "/mcp",
						"amagasa.authorization-server.keys.rotation-interval", "4s",
						"amagasa.authorization-server.keys.pre-publication", "1s",
						"amagasa.authorization-server.registered-clients[0].client-id", "cli",
						"amagasa.authorization-server.registered-clients[0].redirect-uris", "http://127.0.0.1/callback",
						"amagasa.authorization-server.registered-clients[0].require-consent", "false"))) {
			OAuthClient client = OAuthClient.publicClient(server.baseUrl(), "cli", "http://127.0.0.1:7000/callback");
			BrowserLogin browser = new BrowserLogin(server.baseUrl(), "alice", "correct-horse-battery");
			Map<String, Object> before = Flows.tokens(browser, client, Map.of());
			String firstKid = SignedJWT.parse((String) before.get("access_token")).getHeader().getKeyID();

			String[] refreshToken = { (String) before.get("refresh_token") };
			String[] accessToken = { null };
			await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() -> {
				Map<String, Object> refreshed = Http.json(client.refresh(refreshToken[0], Map.of()));
				refreshToken[0] = (String) refreshed.get("refresh_token");
				accessToken[0] = (String) refreshed.get("access_token");
				return !firstKid.equals(SignedJWT.parse(accessToken[0]).getHeader().getKeyID());
			});

			JWKSet published = JWKSet.parse(Http.get(server.baseUrl() + "/oauth2/jwks").body());
			assertThat(published.getKeys()).hasSizeGreaterThanOrEqualTo(2);
			assertThat(published.getKeys()).noneMatch(key -> key.isPrivate());
			assertThat(published.getKeyByKeyId(firstKid)).isNotNull();
			Flows.verified(server.baseUrl(), (String) before.get("access_token"));
			Flows.verified(server.baseUrl(), accessToken[0]);
		}
	}

}
