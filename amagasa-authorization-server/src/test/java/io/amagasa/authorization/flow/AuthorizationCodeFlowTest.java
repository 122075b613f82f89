package io.amagasa.authorization.flow;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.text.ParseException;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authorization-code grant end to end over real HTTP: PKCE, redirect URIs, {@code iss}, resource
 * indicators, the access token's claims, single-use codes, and the token endpoint's error responses.
 */
class AuthorizationCodeFlowTest {

	static TestServer server;

	static BrowserLogin browser;

	static OAuthClient cli;

	@BeforeAll
	static void start() {
		server = FlowTestServer.start(Map.of());
		browser = FlowTestServer.browser(server);
		cli = FlowTestServer.publicClient(server);
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	String resource() {
		return server.baseUrl() + "/mcp";
	}

	/** The conformance scenario authorization-code-grant: no scope and no resource in the request. */
	@Test
	void codeGrantWithoutScopeOrResource() {
		Pkce pkce = Pkce.generate();
		Map<String, String> request = cli.authorizationRequest(pkce);
		BrowserLogin.Outcome outcome = browser.authorize(cli.authorizationUrl(request));

		URI callback = URI.create(outcome.location());
		assertThat(callback.getScheme() + "://" + callback.getHost() + callback.getPath())
			.isEqualTo("http://127.0.0.1/callback");
		assertThat(outcome.parameter("state")).isEqualTo(request.get("state"));
		assertThat(outcome.parameter("code")).isNotEmpty();
		assertThat(outcome.parameter("error")).isNull();
		assertThat(outcome.parameter("iss")).isEqualTo(server.baseUrl());

		HttpResponse<String> response = cli.exchange(outcome.parameter("code"), pkce.verifier(), Map.of());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type").orElseThrow()).contains("application/json");
		assertThat(response.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
		Map<String, Object> tokens = Http.json(response);
		assertThat(tokens.get("access_token")).isInstanceOf(String.class);
		assertThat(tokens.get("token_type")).isEqualTo("Bearer");
		assertThat(tokens.get("refresh_token")).isInstanceOf(String.class);
		assertThat(List.of(((String) tokens.get("scope")).split(" "))).containsExactlyInAnyOrder("weather.read",
				"weather.alerts");
	}

	@Test
	void accessTokenIsAnRfc9068JwtForTheResource() throws ParseException {
		Map<String, Object> tokens = Flows.tokens(browser, cli, Map.of("scope", "weather.read"));
		SignedJWT jwt = Flows.verified(server.baseUrl(), (String) tokens.get("access_token"));
		assertThat(jwt.getHeader().getType().getType()).isEqualTo("at+jwt");
		assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
		JWTClaimsSet claims = jwt.getJWTClaimsSet();
		assertThat(claims.getIssuer()).isEqualTo(server.baseUrl());
		assertThat(claims.getSubject()).isEqualTo(FlowTestServer.USER);
		assertThat(claims.getAudience()).containsExactly(resource());
		assertThat(claims.getJWTID()).isNotEmpty();
		assertThat(claims.getStringClaim("client_id")).isEqualTo("public-cli");
		assertThat(claims.getClaim("scope")).isEqualTo("weather.read");
		Date issuedAt = claims.getIssueTime();
		assertThat(claims.getExpirationTime().getTime() - issuedAt.getTime()).isEqualTo(600_000);
		assertThat(tokens.get("expires_in")).isIn(599, 600);
	}

	@ParameterizedTest
	@ValueSource(booleans = { false, true })
	void confidentialClientsAuthenticateAndUsePkce(boolean post) {
		OAuthClient client = post ? FlowTestServer.postApp(server) : FlowTestServer.webApp(server);
		Map<String, Object> tokens = Flows.tokens(browser, client, Map.of());
		assertThat(tokens.get("access_token")).isNotNull();
		assertThat(tokens.get("refresh_token")).isNotNull();

		Map<String, String> request = client.authorizationRequest(Pkce.generate());
		request.remove("code_challenge");
		request.remove("code_challenge_method");
		BrowserLogin.Outcome outcome = browser.authorize(client.authorizationUrl(request));
		assertThat(outcome.parameter("error")).isEqualTo("invalid_request");
		assertThat(outcome.parameter("iss")).isEqualTo(server.baseUrl());
	}

	@Test
	void missingCodeChallengeIsRefusedWithStateAndIss() {
		Map<String, String> request = cli.authorizationRequest(Pkce.generate());
		request.remove("code_challenge");
		request.remove("code_challenge_method");
		BrowserLogin.Outcome outcome = browser.authorize(cli.authorizationUrl(request));
		assertThat(outcome.location()).startsWith("http://127.0.0.1:43123/callback?");
		assertThat(outcome.parameter("error")).isEqualTo("invalid_request");
		assertThat(outcome.parameter("state")).isEqualTo(request.get("state"));
		assertThat(outcome.parameter("iss")).isEqualTo(server.baseUrl());
		assertThat(outcome.parameter("code")).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "plain", "" })
	void codeChallengeMethodOtherThanS256IsRefused(String method) {
		Pkce pkce = Pkce.generate();
		Map<String, String> request = cli.authorizationRequest(pkce);
		if (method.isEmpty()) {
			request.remove("code_challenge_method");
		}
		else {
			request.put("code_challenge_method", method);
			request.put("code_challenge", pkce.verifier());
		}
		BrowserLogin.Outcome outcome = browser.authorize(cli.authorizationUrl(request));
		assertThat(outcome.parameter("error")).isEqualTo("invalid_request");
		assertThat(outcome.parameter("iss")).isEqualTo(server.baseUrl());
	}

	@Test
	void wrongCodeVerifierIsRefused() {
		Pkce pkce = Pkce.generate();
		BrowserLogin.Outcome outcome = browser.authorize(cli.authorizationUrl(cli.authorizationRequest(pkce)));
		HttpResponse<String> response = cli.exchange(outcome.parameter("code"), Pkce.generate().verifier(), Map.of());
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(Http.json(response).get("error")).isEqualTo("invalid_grant");
		HttpResponse<String> missing = Http.post(server.baseUrl() + "/oauth2/token", Map.of("grant_type",
				"authorization_code", "code", outcome.parameter("code"), "redirect_uri", cli.redirectUri(), "client_id",
				"public-cli"), null);
		assertThat(missing.statusCode()).isIn(400, 401);
		assertThat(Http.json(missing).get("error")).isIn("invalid_grant", "invalid_client");
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://evil.example/callback", "http://127.0.0.1:8080/other",
			"https://127.0.0.1/callback", "http://127.0.0.1/callback#fragment", "not a uri" })
	void unregisteredRedirectUriGetsAnErrorPageNotARedirect(String redirectUri) {
		Map<String, String> request = cli.authorizationRequest(Pkce.generate());
		request.put("redirect_uri", redirectUri);
		BrowserLogin.Outcome outcome = browser.authorize(cli.authorizationUrl(request));
		assertThat(outcome.redirected()).isFalse();
		assertThat(outcome.status()).isEqualTo(400);
		assertThat(outcome.body()).contains("invalid_request").doesNotContain("evil.example");
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://127.0.0.1:50000/callback", "http://127.0.0.1/callback",
			"http://localhost:50001/callback", "http://localhost/callback" })
	void loopbackRedirectUrisMatchAnyPort(String redirectUri) {
		Map<String, String> request = cli.authorizationRequest(Pkce.generate());
		request.put("redirect_uri", redirectUri);
		BrowserLogin.Outcome outcome = browser.authorize(cli.authorizationUrl(request));
		assertThat(outcome.location()).startsWith(redirectUri + "?");
		assertThat(outcome.parameter("code")).isNotEmpty();
	}

	@Test
	void localhostDoesNotMatchARegistered127001() {
		OAuthClient noRefresh = OAuthClient.publicClient(server.baseUrl(), "no-refresh", "http://localhost:5000/callback");
		BrowserLogin.Outcome outcome = browser
			.authorize(noRefresh.authorizationUrl(noRefresh.authorizationRequest(Pkce.generate())));
		assertThat(outcome.redirected()).isFalse();
		assertThat(outcome.status()).isEqualTo(400);
	}

	@Test
	void unknownClientGetsAnErrorPage() {
		OAuthClient stranger = OAuthClient.publicClient(server.baseUrl(), "stranger", "https://evil.example/cb");
		BrowserLogin.Outcome outcome = browser
			.authorize(stranger.authorizationUrl(stranger.authorizationRequest(Pkce.generate())));
		assertThat(outcome.redirected()).isFalse();
		assertThat(outcome.status()).isEqualTo(400);
		assertThat(outcome.body()).contains("Authorization request refused");
	}

	@Test
	void malformedAuthorizationRequestsGetAnErrorPage() {
		HttpResponse<String> noResponseType = Http.get(server.baseUrl() + "/oauth2/authorize?client_id=public-cli");
		assertThat(noResponseType.statusCode()).isEqualTo(400);
		HttpResponse<String> twoStates = Http.get(server.baseUrl()
				+ "/oauth2/authorize?response_type=code&client_id=public-cli&state=a&state=b&redirect_uri=https://evil.example/");
		assertThat(twoStates.statusCode()).isEqualTo(400);
		assertThat(twoStates.headers().firstValue("Location")).isEmpty();
	}

	@Test
	void resourceIndicatorChoosesTheAudience() throws ParseException {
		Map<String, Object> tokens = Flows.tokens(browser, cli,
				Map.of("resource", FlowTestServer.OTHER_RESOURCE, "scope", "other.read"));
		JWTClaimsSet claims = Flows.verified(server.baseUrl(), (String) tokens.get("access_token")).getJWTClaimsSet();
		assertThat(claims.getAudience()).containsExactly(FlowTestServer.OTHER_RESOURCE);
		assertThat(claims.getClaim("scope")).isEqualTo("other.read");
	}

	@Test
	void resourceIndicatorIsCaseInsensitiveInSchemeAndHost() throws ParseException {
		String shouted = "HTTP://LOCALHOST:" + server.port() + "/mcp";
		Pkce pkce = Pkce.generate();
		Map<String, String> request = cli.authorizationRequest(pkce);
		request.put("resource", shouted);
		BrowserLogin.Outcome outcome = browser.authorize(cli.authorizationUrl(request));
		HttpResponse<String> response = cli.exchange(outcome.parameter("code"), pkce.verifier(),
				Map.of("resource", shouted));
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JWTClaimsSet claims = Flows.verified(server.baseUrl(), (String) Http.json(response).get("access_token"))
			.getJWTClaimsSet();
		assertThat(claims.getAudience()).containsExactly(resource());
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://unknown.example/mcp", "http://localhost/mcp#fragment", "not-a-uri", "" })
	void unknownResourceIsInvalidTarget(String resource) {
		Map<String, String> request = cli.authorizationRequest(Pkce.generate());
		request.put("resource", resource);
		BrowserLogin.Outcome outcome = browser.authorize(cli.authorizationUrl(request));
		assertThat(outcome.parameter("error")).isEqualTo("invalid_target");
		assertThat(outcome.parameter("state")).isEqualTo(request.get("state"));
		assertThat(outcome.parameter("iss")).isEqualTo(server.baseUrl());
	}

	@Test
	void twoResourcesAreInvalidTarget() {
		Map<String, String> request = cli.authorizationRequest(Pkce.generate());
		String url = cli.authorizationUrl(request) + "&resource=" + Http.form(Map.of("r", resource())).substring(2)
				+ "&resource=" + Http.form(Map.of("r", FlowTestServer.OTHER_RESOURCE)).substring(2);
		assertThat(browser.authorize(url).parameter("error")).isEqualTo("invalid_target");
	}

	@Test
	void tokenRequestForAnotherResourceIsInvalidTarget() {
		Pkce pkce = Pkce.generate();
		BrowserLogin.Outcome outcome = browser.authorize(cli.authorizationUrl(cli.authorizationRequest(pkce)));
		HttpResponse<String> response = cli.exchange(outcome.parameter("code"), pkce.verifier(),
				Map.of("resource", FlowTestServer.OTHER_RESOURCE));
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(Http.json(response).get("error")).isEqualTo("invalid_target");
	}

	@Test
	void scopeOfAnotherResourceIsInvalidScope() {
		Map<String, String> request = cli.authorizationRequest(Pkce.generate());
		request.put("scope", "weather.read other.read");
		BrowserLogin.Outcome outcome = browser.authorize(cli.authorizationUrl(request));
		assertThat(outcome.parameter("error")).isEqualTo("invalid_scope");
		assertThat(outcome.parameter("iss")).isEqualTo(server.baseUrl());
	}

	@Test
	void unknownScopeIsInvalidScope() {
		Map<String, String> request = cli.authorizationRequest(Pkce.generate());
		request.put("scope", "weather.write");
		assertThat(browser.authorize(cli.authorizationUrl(request)).parameter("error")).isEqualTo("invalid_scope");
	}

	@Test
	void openidAddsAnIdTokenAndKeepsTheResourceAudience() throws ParseException {
		Map<String, Object> tokens = Flows.tokens(browser, cli, Map.of("scope", "openid weather.read"));
		assertThat(tokens.get("id_token")).isInstanceOf(String.class);
		JWTClaimsSet idToken = Flows.verified(server.baseUrl(), (String) tokens.get("id_token")).getJWTClaimsSet();
		assertThat(idToken.getAudience()).containsExactly("public-cli");
		JWTClaimsSet accessToken = Flows.verified(server.baseUrl(), (String) tokens.get("access_token")).getJWTClaimsSet();
		assertThat(accessToken.getAudience()).containsExactly(resource());
	}

	/** Also when the user approved other scopes of the client before (Spring would issue a code with no scope). */
	@Test
	void deniedConsentIsRedirectedWithStateAndIss() {
		OAuthClient client = FlowTestServer.postApp(server);
		Flows.tokens(browser, client, Map.of("scope", "weather.read"));
		BrowserLogin denying = FlowTestServer.browser(server).denyingConsent();
		Map<String, String> request = client.authorizationRequest(Pkce.generate());
		request.put("scope", "other.read");
		request.put("resource", FlowTestServer.OTHER_RESOURCE);
		BrowserLogin.Outcome outcome = denying.authorize(client.authorizationUrl(request));
		assertThat(outcome.parameter("error")).as(outcome.toString()).isEqualTo("access_denied");
		assertThat(outcome.parameter("state")).isEqualTo(request.get("state"));
		assertThat(outcome.parameter("iss")).isEqualTo(server.baseUrl());
	}

	@Test
	void reusedCodeIsRefusedAndRevokesItsTokens() {
		Pkce pkce = Pkce.generate();
		OAuthClient client = FlowTestServer.webApp(server);
		BrowserLogin.Outcome outcome = browser.authorize(client.authorizationUrl(client.authorizationRequest(pkce)));
		HttpResponse<String> first = client.exchange(outcome.parameter("code"), pkce.verifier(), Map.of());
		assertThat(first.statusCode()).isEqualTo(200);
		Map<String, Object> tokens = Http.json(first);
		OAuthClient introspector = FlowTestServer.introspector(server);
		assertThat(Flows.introspect(introspector, (String) tokens.get("access_token"), "active")).isEqualTo(true);

		HttpResponse<String> second = client.exchange(outcome.parameter("code"), pkce.verifier(), Map.of());
		assertThat(second.statusCode()).isEqualTo(400);
		assertThat(Http.json(second).get("error")).isEqualTo("invalid_grant");
		assertThat(Flows.introspect(introspector, (String) tokens.get("access_token"), "active")).isEqualTo(false);
		assertThat(Flows.introspect(introspector, (String) tokens.get("refresh_token"), "active")).isEqualTo(false);
		HttpResponse<String> refresh = client.refresh((String) tokens.get("refresh_token"), Map.of());
		assertThat(Http.json(refresh).get("error")).isEqualTo("invalid_grant");
	}

	/** Two exchanges of one code at once: the database lets one win; the other is a reuse. */
	@Test
	void concurrentExchangesOfOneCodeIssueTokensOnce() {
		Pkce pkce = Pkce.generate();
		OAuthClient client = FlowTestServer.webApp(server);
		BrowserLogin.Outcome outcome = browser.authorize(client.authorizationUrl(client.authorizationRequest(pkce)));
		CountDownLatch go = new CountDownLatch(1);
		List<CompletableFuture<HttpResponse<String>>> exchanges = List.of(1, 2).stream()
			.map(i -> CompletableFuture.supplyAsync(() -> {
				try {
					go.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
				return client.exchange(outcome.parameter("code"), pkce.verifier(), Map.of());
			}))
			.toList();
		go.countDown();
		List<Integer> statuses = exchanges.stream().map(CompletableFuture::join).map(HttpResponse::statusCode).toList();
		assertThat(statuses).containsExactlyInAnyOrder(200, 400);
	}

	@Test
	void clientWithoutTheRefreshGrantGetsNoRefreshToken() {
		OAuthClient noRefresh = OAuthClient.publicClient(server.baseUrl(), "no-refresh", "http://127.0.0.1:6000/callback");
		Map<String, Object> tokens = Flows.tokens(browser, noRefresh, Map.of("scope", "weather.read offline_access"));
		assertThat(tokens).doesNotContainKey("refresh_token");
	}

	@Test
	void introspectionIsForConfidentialClients() {
		Map<String, Object> tokens = Flows.tokens(browser, cli, Map.of());
		OAuthClient introspector = FlowTestServer.introspector(server);
		HttpResponse<String> response = introspector.introspect((String) tokens.get("access_token"));
		Map<String, Object> introspection = Http.json(response);
		assertThat(introspection.get("active")).isEqualTo(true);
		assertThat(introspection.get("client_id")).isEqualTo("public-cli");
		assertThat(introspection.get("sub")).isEqualTo(FlowTestServer.USER);
		assertThat(introspection.get("aud")).isEqualTo(List.of(resource()));

		HttpResponse<String> byPublicClient = cli.introspect((String) tokens.get("access_token"));
		assertThat(byPublicClient.statusCode()).isEqualTo(401);
		assertThat(Http.json(byPublicClient).get("error")).isEqualTo("invalid_client");
	}

	/**
	 * RFC 7009 §2.1: revoking a refresh token revokes the access tokens of its grant too, as a family
	 * revocation that redeems the refresh token, so that no rotation racing with it can undo it.
	 */
	@ParameterizedTest
	@ValueSource(booleans = { false, true })
	@ExtendWith(OutputCaptureExtension.class)
	void revokedRefreshTokenCannotBeUsedAndItsAccessTokenIsRevokedToo(boolean publicClient, CapturedOutput log) {
		OAuthClient client = publicClient ? cli : FlowTestServer.webApp(server);
		OAuthClient introspector = FlowTestServer.introspector(server);
		Map<String, Object> tokens = Flows.tokens(browser, client, Map.of());
		String accessToken = (String) tokens.get("access_token");
		assertThat(Flows.introspect(introspector, accessToken, "active")).isEqualTo(true);

		HttpResponse<String> revocation = client.revoke((String) tokens.get("refresh_token"));
		assertThat(revocation.statusCode()).isEqualTo(200);
		HttpResponse<String> refresh = client.refresh((String) tokens.get("refresh_token"), Map.of());
		assertThat(refresh.statusCode()).isEqualTo(400);
		assertThat(Http.json(refresh).get("error")).isEqualTo("invalid_grant");
		assertThat(Flows.introspect(introspector, accessToken, "active")).isEqualTo(false);
		assertThat(log.getAll()).contains("event=token_family outcome=revoked reason=refresh_token_revoked");
	}

	/** Revoking an access token leaves its grant's refresh token alone (RFC 7009 §2.1 leaves that open). */
	@Test
	void revokedAccessTokenLeavesTheRefreshTokenUsable() {
		OAuthClient introspector = FlowTestServer.introspector(server);
		Map<String, Object> tokens = Flows.tokens(browser, cli, Map.of());
		String accessToken = (String) tokens.get("access_token");
		assertThat(cli.revoke(accessToken).statusCode()).isEqualTo(200);
		assertThat(Flows.introspect(introspector, accessToken, "active")).isEqualTo(false);
		HttpResponse<String> refresh = cli.refresh((String) tokens.get("refresh_token"), Map.of());
		assertThat(refresh.statusCode()).isEqualTo(200);
	}

	/** Revocation (RFC 7009) and introspection (RFC 7662): one audit line per request, never the token. */
	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void revocationAndIntrospectionAreAuditedWithoutTheToken(CapturedOutput log) {
		OAuthClient introspector = FlowTestServer.introspector(server);
		Map<String, Object> tokens = Flows.tokens(browser, cli, Map.of());
		String accessToken = (String) tokens.get("access_token");
		String refreshToken = (String) tokens.get("refresh_token");

		assertThat(Flows.introspect(introspector, accessToken, "active")).isEqualTo(true);
		assertThat(cli.revoke(refreshToken).statusCode()).isEqualTo(200);
		assertThat(cli.revoke("not-a-token-of-this-server").statusCode()).isEqualTo(200);
		assertThat(Flows.introspect(introspector, refreshToken, "active")).isEqualTo(false);
		HttpResponse<String> noToken = Http.post(server.baseUrl() + "/oauth2/introspect", Map.of("token_type_hint",
				"access_token"), "introspector:introspector-secret");
		assertThat(noToken.statusCode()).isEqualTo(400);
		assertThat(Http.json(noToken).get("error")).isEqualTo("invalid_request");

		assertThat(log.getAll()).contains(
				"event=token_introspection outcome=active client_id=introspector token_type_hint=- token_client_id=public-cli sub=alice",
				"event=token_revocation outcome=revoked client_id=public-cli token_type_hint=-",
				"event=token_revocation outcome=unknown_token client_id=public-cli token_type_hint=-",
				"event=token_introspection outcome=inactive client_id=introspector token_type_hint=-",
				"event=token_introspection outcome=denied token_type_hint=access_token error=invalid_request")
			.doesNotContain(accessToken, refreshToken, "not-a-token-of-this-server");
	}

	@Test
	void tokenEndpointAnswersBadRequestsWithRfc6749Errors() {
		String token = server.baseUrl() + "/oauth2/token";
		HttpResponse<String> noGrantType = Http.post(token, Map.of("client_id", "public-cli"), "web-app:web-secret-123");
		assertThat(noGrantType.statusCode()).isEqualTo(400);
		assertThat(Http.json(noGrantType).get("error")).isEqualTo("invalid_request");

		HttpResponse<String> clientCredentials = Http.post(token, Map.of("grant_type", "client_credentials"),
				"web-app:web-secret-123");
		assertThat(clientCredentials.statusCode()).isEqualTo(400);
		assertThat(Http.json(clientCredentials).get("error")).isEqualTo("unsupported_grant_type");

		HttpResponse<String> password = Http.post(token,
				Map.of("grant_type", "password", "username", "alice", "password", "x"), "web-app:web-secret-123");
		assertThat(Http.json(password).get("error")).isEqualTo("unsupported_grant_type");

		HttpResponse<String> wrongSecret = Http.post(token, Map.of("grant_type", "authorization_code", "code", "x"),
				"web-app:wrong");
		assertThat(wrongSecret.statusCode()).isEqualTo(401);
		assertThat(Http.json(wrongSecret).get("error")).isEqualTo("invalid_client");
		assertThat(wrongSecret.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Basic");

		HttpResponse<String> noClient = Http.post(token, Map.of("grant_type", "authorization_code", "code", "x"), null);
		assertThat(noClient.statusCode()).isEqualTo(401);
		assertThat(Http.json(noClient).get("error")).isEqualTo("invalid_client");

		HttpResponse<String> unknownPublicClient = Http.post(token,
				Map.of("grant_type", "refresh_token", "refresh_token", "x", "client_id", "stranger"), null);
		assertThat(unknownPublicClient.statusCode()).isEqualTo(401);
		assertThat(Http.json(unknownPublicClient).get("error")).isEqualTo("invalid_client");

		HttpResponse<String> unknownCode = Http.post(token,
				Map.of("grant_type", "authorization_code", "code", "x", "redirect_uri", FlowTestServer.WEB_CALLBACK,
						"code_verifier", Pkce.generate().verifier()),
				"web-app:web-secret-123");
		assertThat(unknownCode.statusCode()).isEqualTo(400);
		assertThat(Http.json(unknownCode).get("error")).isEqualTo("invalid_grant");

		HttpResponse<String> garbage = Http.send(HttpRequest.newBuilder(URI.create(token))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"grant_type\":"))
			.build());
		assertThat(garbage.statusCode()).isBetween(400, 499);

		HttpResponse<String> get = Http.get(token + "?grant_type=authorization_code");
		assertThat(get.statusCode()).isBetween(400, 499);
	}

	@Test
	void tokenErrorsAreNotCached() {
		HttpResponse<String> response = Http.post(server.baseUrl() + "/oauth2/token",
				new HashMap<>(Map.of("grant_type", "refresh_token", "refresh_token", "unknown")), "web-app:web-secret-123");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.headers().firstValue("Cache-Control").orElseThrow()).contains("no-store");
	}

}
