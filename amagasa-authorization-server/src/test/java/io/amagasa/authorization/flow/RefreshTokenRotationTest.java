package io.amagasa.authorization.flow;

import java.net.http.HttpResponse;
import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

import com.nimbusds.jwt.JWTClaimsSet;
import io.amagasa.authorization.testing.BrowserLogin;
import io.amagasa.authorization.testing.Flows;
import io.amagasa.authorization.testing.Http;
import io.amagasa.authorization.testing.OAuthClient;
import io.amagasa.authorization.testing.Pkce;
import io.amagasa.authorization.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refresh tokens: rotation on every use for public and confidential clients, reuse detection that revokes
 * the family, the grace window for a lost response, resource binding, concurrent refreshes; and expired
 * codes. The grace window and the code lifetime are 2 seconds here.
 */
class RefreshTokenRotationTest {

	static final Duration GRACE = Duration.ofSeconds(2);

	static TestServer server;

	static BrowserLogin browser;

	static OAuthClient cli;

	static OAuthClient introspector;

	@BeforeAll
	static void start() {
		server = FlowTestServer.start(Map.of("amagasa.authorization-server.tokens.refresh-token-reuse-grace", "2s",
				"amagasa.authorization-server.tokens.authorization-code-time-to-live", "2s"));
		browser = FlowTestServer.browser(server);
		cli = FlowTestServer.publicClient(server);
		introspector = FlowTestServer.introspector(server);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	static Map<String, Object> refreshed(OAuthClient client, Object refreshToken) {
		HttpResponse<String> response = client.refresh((String) refreshToken, Map.of());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
		return Http.json(response);
	}

	static void refused(OAuthClient client, Object refreshToken) {
		HttpResponse<String> response = client.refresh((String) refreshToken, Map.of());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(Http.json(response).get("error")).isEqualTo("invalid_grant");
	}

	static boolean active(Object token) {
		return Boolean.TRUE.equals(Flows.introspect(introspector, (String) token, "active"));
	}

	@Test
	void publicClientRefreshTokensRotateOnEveryUse() throws ParseException {
		Map<String, Object> first = Flows.tokens(browser, cli, Map.of());
		Map<String, Object> second = refreshed(cli, first.get("refresh_token"));
		Map<String, Object> third = refreshed(cli, second.get("refresh_token"));
		assertThat(List.of(first.get("refresh_token"), second.get("refresh_token"), third.get("refresh_token")))
			.doesNotHaveDuplicates();
		JWTClaimsSet claims = Flows.verified(server.baseUrl(), (String) third.get("access_token")).getJWTClaimsSet();
		assertThat(claims.getAudience()).containsExactly(server.baseUrl() + "/mcp");
		assertThat(claims.getSubject()).isEqualTo(FlowTestServer.USER);
		assertThat(claims.getStringClaim("client_id")).isEqualTo("public-cli");
		assertThat(active(third.get("refresh_token"))).isTrue();
		assertThat(active(second.get("refresh_token"))).isFalse();
	}

	@Test
	void confidentialClientRefreshTokensRotateToo() {
		OAuthClient webApp = FlowTestServer.webApp(server);
		Map<String, Object> first = Flows.tokens(browser, webApp, Map.of());
		Map<String, Object> second = refreshed(webApp, first.get("refresh_token"));
		assertThat(second.get("refresh_token")).isNotEqualTo(first.get("refresh_token"));
	}

	@Test
	void retryWithinTheGraceWindowGetsANewPairAndRetiresTheLostOne() {
		Map<String, Object> original = Flows.tokens(browser, cli, Map.of());
		Map<String, Object> lost = refreshed(cli, original.get("refresh_token"));
		Map<String, Object> retried = refreshed(cli, original.get("refresh_token"));
		assertThat(retried.get("refresh_token")).isNotIn(original.get("refresh_token"), lost.get("refresh_token"));
		assertThat(active(retried.get("refresh_token"))).isTrue();

		// the pair the client never received is retired: presenting it later is a reuse
		refused(cli, lost.get("refresh_token"));
		assertThat(active(retried.get("refresh_token"))).isFalse();
		assertThat(active(retried.get("access_token"))).isFalse();
		refused(cli, retried.get("refresh_token"));
	}

	@Test
	void reuseAfterTheGraceWindowRevokesTheWholeFamily() throws InterruptedException {
		Map<String, Object> original = Flows.tokens(browser, cli, Map.of());
		Map<String, Object> current = refreshed(cli, original.get("refresh_token"));
		Map<String, Object> latest = refreshed(cli, current.get("refresh_token"));
		Thread.sleep(GRACE.plusMillis(500).toMillis());

		refused(cli, original.get("refresh_token"));
		assertThat(active(latest.get("refresh_token"))).isFalse();
		assertThat(active(latest.get("access_token"))).isFalse();
		refused(cli, latest.get("refresh_token"));
	}

	@Test
	void reuseOfAnOlderTokenWithinTheGraceWindowIsAReuse() {
		Map<String, Object> original = Flows.tokens(browser, cli, Map.of());
		Map<String, Object> second = refreshed(cli, original.get("refresh_token"));
		Map<String, Object> third = refreshed(cli, second.get("refresh_token"));
		// the original is not the predecessor of the current pair any more
		refused(cli, original.get("refresh_token"));
		assertThat(active(third.get("refresh_token"))).isFalse();
	}

	@Test
	void refreshTokenOfAnotherClientIsRefused() {
		Map<String, Object> tokens = Flows.tokens(browser, cli, Map.of());
		refused(FlowTestServer.webApp(server), tokens.get("refresh_token"));
		assertThat(active(tokens.get("refresh_token"))).isTrue();
	}

	@Test
	void refreshForAnotherResourceIsInvalidTarget() {
		Map<String, Object> tokens = Flows.tokens(browser, cli, Map.of());
		HttpResponse<String> response = cli.refresh((String) tokens.get("refresh_token"),
				Map.of("resource", FlowTestServer.OTHER_RESOURCE));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(Http.json(response).get("error")).isEqualTo("invalid_target");
		HttpResponse<String> same = cli.refresh((String) tokens.get("refresh_token"),
				Map.of("resource", "HTTP://LOCALHOST:" + server.port() + "/mcp"));
		assertThat(same.statusCode()).as(same.body()).isEqualTo(200);
	}

	@Test
	void refreshMayNarrowTheScope() throws ParseException {
		Map<String, Object> tokens = Flows.tokens(browser, cli, Map.of());
		HttpResponse<String> narrowed = cli.refresh((String) tokens.get("refresh_token"), Map.of("scope", "weather.read"));
		assertThat(narrowed.statusCode()).isEqualTo(200);
		JWTClaimsSet claims = Flows.verified(server.baseUrl(), (String) Http.json(narrowed).get("access_token"))
			.getJWTClaimsSet();
		assertThat(claims.getClaim("scope")).isEqualTo("weather.read");
		HttpResponse<String> widened = cli.refresh((String) Http.json(narrowed).get("refresh_token"),
				Map.of("scope", "other.read"));
		assertThat(Http.json(widened).get("error")).isEqualTo("invalid_scope");
	}

	@Test
	void concurrentRefreshesLeaveExactlyOneActivePair() {
		OAuthClient webApp = FlowTestServer.webApp(server);
		Map<String, Object> tokens = Flows.tokens(browser, webApp, Map.of());
		CountDownLatch start = new CountDownLatch(1);
		List<CompletableFuture<HttpResponse<String>>> refreshes = List.of(1, 2)
			.stream()
			.map(i -> CompletableFuture.supplyAsync(
					() -> afterLatch(start, () -> webApp.refresh((String) tokens.get("refresh_token"), Map.of()))))
			.toList();
		start.countDown();
		List<HttpResponse<String>> responses = refreshes.stream().map(CompletableFuture::join).toList();
		responses.forEach(response -> assertThat(response.statusCode()).as(response.body()).isEqualTo(200));
		long active = responses.stream().map(response -> Http.json(response).get("refresh_token")).filter(
				RefreshTokenRotationTest::active).count();
		assertThat(active).isEqualTo(1);
	}

	/**
	 * A revocation (RFC 7009) racing a refresh with the same refresh token. Each round, either the revocation
	 * found the token current, and the whole family ends revoked (with any pair that refresh issued), or the
	 * refresh rotated the token first and the revocation named a token no longer current. Never a revocation
	 * and a live pair from the same token: so revocations plus live pairs add up to the rounds.
	 */
	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void aRevocationRacingARefreshNeverLeavesALivePairBehind(CapturedOutput log) {
		int rounds = 12;
		int livePairs = 0;
		for (int round = 0; round < rounds; round++) {
			String refreshToken = (String) Flows.tokens(browser, cli, Map.of()).get("refresh_token");
			CountDownLatch start = new CountDownLatch(1);
			CompletableFuture<HttpResponse<String>> refresh = CompletableFuture
				.supplyAsync(() -> afterLatch(start, () -> cli.refresh(refreshToken, Map.of())));
			CompletableFuture<HttpResponse<String>> revocation = CompletableFuture
				.supplyAsync(() -> afterLatch(start, () -> cli.revoke(refreshToken)));
			start.countDown();
			assertThat(revocation.join().statusCode()).isEqualTo(200);
			HttpResponse<String> refreshed = refresh.join();
			if (refreshed.statusCode() == 200) {
				livePairs += active(Http.json(refreshed).get("refresh_token")) ? 1 : 0;
			}
			else {
				assertThat(Http.json(refreshed).get("error")).as(refreshed.body()).isEqualTo("invalid_grant");
			}
		}
		long revocations = log.getAll()
			.lines()
			.filter(line -> line.contains("event=token_revocation outcome=revoked client_id=public-cli"))
			.count();
		assertThat(revocations + livePairs).isEqualTo(rounds);
	}

	private static <T> T afterLatch(CountDownLatch latch, Supplier<T> action) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		return action.get();
	}

	@Test
	void expiredCodeIsRefused() throws InterruptedException {
		Pkce pkce = Pkce.generate();
		BrowserLogin.Outcome outcome = browser.authorize(cli.authorizationUrl(cli.authorizationRequest(pkce)));
		Thread.sleep(2500);
		HttpResponse<String> response = cli.exchange(outcome.parameter("code"), pkce.verifier(), Map.of());
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(Http.json(response).get("error")).isEqualTo("invalid_grant");
	}

}
