package io.amagasa.interop;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Amagasa in {@code external} mode with a real third-party issuer: Keycloak 26 (from Maven Central, run as
 * a process), its real login page driven by headless Chromium (Playwright), and the official TypeScript
 * SDK client discovering everything on its own. Keycloak starts once for the class; the NWS upstream is a
 * WireMock stub on loopback. Logs, client output and login-page screenshots are in
 * {@code target/interop-reports/keycloak-*}.
 * <p>
 * Covers, against Keycloak: RS-01, RS-02, RS-03, RS-04 (challenge header and path-suffixed metadata), RS-07
 * (issuer byte-identical to Keycloak's metadata), RS-08, RS-09, RS-11, RS-19 (signature checked against the
 * JWKS discovered from the issuer's metadata), RS-20, RS-21 (a Keycloak token for someone else is refused),
 * RS-23 (nothing of the caller's token goes upstream), RS-24; and, for the TypeScript SDK as the client,
 * CL-02, CL-03, CL-06, CL-07, CL-08, CL-09 (dynamic registration and a pre-registered client, CL-12),
 * CL-11, CL-14, CL-18 ({@code resource} sent, though Keycloak ignores it), CL-19, CL-21 and CL-22.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeycloakExternalIssuerTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final String NAME = "keycloak-external";

	private static final String ALERTS_CALL = "{\"name\":\"get_alerts\",\"arguments\":{\"state\":\"WY\"}}";

	private static final String FORECAST_CALL = "{\"name\":\"get_forecast\",\"arguments\":{\"latitude\":39.7456,\"longitude\":-97.0892}}";

	private static WireMockServer nws;

	private static KeycloakServer keycloak;

	private static ServerProcess amagasa;

	private static KeycloakRealm realm;

	@BeforeAll
	static void start() throws Exception {
		// Keycloak takes longest: it boots while the stub and Amagasa start.
		keycloak = KeycloakServer.start(NAME);
		nws = startNwsStub();
		int port = ServerProcess.freePort();
		amagasa = ServerProcess.start(NAME, port, Map.of(), "--amagasa.auth.mode=external",
				"--amagasa.auth.external.issuer=" + keycloak.issuer(KeycloakRealm.NAME),
				"--amagasa.public-base-url=http://127.0.0.1:" + port, "--amagasa.weather.nws-base-url=" + nws.baseUrl());
		keycloak.awaitReady();
		realm = KeycloakRealm.create(keycloak, amagasa.mcpUrl());
	}

	@AfterAll
	static void stop() throws Exception {
		try {
			if (amagasa != null) {
				amagasa.close();
			}
		}
		finally {
			try {
				if (keycloak != null) {
					keycloak.close();
				}
			}
			finally {
				if (nws != null) {
					nws.stop();
				}
			}
		}
	}

	/** RS-01, RS-02, RS-03, RS-04, RS-07, RS-08, RS-09, RS-11: the way from a bare request to Keycloak. */
	@Test
	@Order(1)
	void unauthenticatedRequestIsChallengedTowardsKeycloak() throws Exception {
		HttpResponse<String> response = postMcp(initialize(), null);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
		String metadataUrl = amagasa.baseUrl() + "/.well-known/oauth-protected-resource/mcp";
		assertThat(response.headers().allValues("WWW-Authenticate"))
			.containsExactly("Bearer resource_metadata=\"" + metadataUrl + "\", scope=\"weather.read\"");

		JsonNode metadata = getJson(metadataUrl);
		assertThat(metadata.path("resource").asString()).isEqualTo(amagasa.mcpUrl());
		assertThat(strings(metadata.path("authorization_servers"))).containsExactly(realm.issuer());
		assertThat(strings(metadata.path("scopes_supported"))).contains("weather.read");

		// What a client does next: Keycloak's RFC 8414 metadata names exactly that issuer (RS-07, CL-07).
		JsonNode keycloakMetadata = getJson(realm.metadataUrl());
		assertThat(keycloakMetadata.path("issuer").asString()).isEqualTo(realm.issuer());
		assertThat(strings(keycloakMetadata.path("code_challenge_methods_supported"))).contains("S256");
		assertThat(keycloakMetadata.path("registration_endpoint").asString()).isNotBlank();
	}

	/**
	 * Test A: a user signs in on Keycloak's real login page (headless Chromium); authorization code with PKCE
	 * S256, {@code scope=weather.read} and {@code resource}; the token then calls Amagasa's tools through the
	 * TypeScript SDK with {@code Authorization: Bearer} (RS-19, RS-20, RS-23, RS-24).
	 */
	@Test
	@Order(2)
	void tokenFromKeycloakLoginPageCallsTheTools() throws Exception {
		String verifier = randomBase64Url(32);
		String state = UUID.randomUUID().toString();
		String redirectUri = "http://127.0.0.1:" + ServerProcess.freePort() + "/callback";
		Map<String, String> authorization = new LinkedHashMap<>();
		authorization.put("response_type", "code");
		authorization.put("client_id", KeycloakRealm.PUBLIC_CLIENT);
		authorization.put("redirect_uri", redirectUri);
		authorization.put("scope", "weather.read");
		authorization.put("state", state);
		authorization.put("code_challenge", s256(verifier));
		authorization.put("code_challenge_method", "S256");
		authorization.put("resource", amagasa.mcpUrl());
		String authorizationUrl = realm.authorizationEndpoint() + "?" + KeycloakRealm.form(authorization);

		Node.Result login = Node.run(NAME + "-browser-login", 120, Map.of(), "clients/browser-login.mjs",
				"--authorization-url", authorizationUrl, "--redirect-uri", redirectUri, "--username",
				KeycloakRealm.USERNAME, "--password", KeycloakRealm.PASSWORD, "--screenshot-dir",
				Interop.reportsDir().toString(), "--screenshot-prefix", NAME + "-login");
		assertThat(login.exitCode()).as(login.describe() + logs()).isZero();
		JsonNode callback = lastJsonLine(login);
		assertThat(callback.path("error").isNull()).as(callback.toString()).isTrue();
		assertThat(callback.path("state").asString()).isEqualTo(state);
		assertThat(callback.path("iss").asString()).as("RFC 9207 iss").isEqualTo(realm.issuer());
		Path screenshot = Interop.reportsDir().resolve(NAME + "-login-page.png");
		assertThat(screenshot).exists();
		assertThat(Files.size(screenshot)).isPositive();

		JsonNode tokens = realm.tokenRequest(Map.of("grant_type", "authorization_code", "code",
				callback.path("code").asString(), "redirect_uri", redirectUri, "client_id", KeycloakRealm.PUBLIC_CLIENT,
				"code_verifier", verifier, "resource", amagasa.mcpUrl()));
		String accessToken = tokens.path("access_token").asString();
		JsonNode claims = claims(accessToken);
		assertThat(claims.path("iss").asString()).isEqualTo(realm.issuer());
		assertThat(audiences(claims)).as("aud, from the Audience mapper on the weather scopes").contains(amagasa.mcpUrl());
		assertThat(claims.path("scope").asString().split(" ")).contains("weather.read");
		assertThat(claims.path("azp").asString()).isEqualTo(KeycloakRealm.PUBLIC_CLIENT);

		Node.Result session = Node.run(NAME + "-ts-sdk-bearer", 120, Map.of(), "clients/ts-sdk-client.mjs",
				amagasa.mcpUrl(), "[" + ALERTS_CALL + "," + FORECAST_CALL + "]",
				JSON.writeValueAsString(Map.of("Authorization", "Bearer " + accessToken)));
		assertThat(session.exitCode()).as(session.describe() + logs()).isZero();
		JsonNode report = lastJsonLine(session);
		List<String> tools = new ArrayList<>();
		report.path("tools").forEach(tool -> tools.add(tool.path("name").asString()));
		assertThat(tools).containsExactlyInAnyOrder("get_alerts", "get_forecast");
		assertToolResults(report.path("calls").get(0), report.path("calls").get(1));
		awaitLog("decision=allow reason=\"ok\" status=200 issuer=\"" + realm.issuer() + "\"");
		awaitLog("client=\"" + KeycloakRealm.PUBLIC_CLIENT + "\" tenant=- method=\"tools/call\" tool=\"get_alerts\"");

		// Keycloak-issued, but altered: the signature no longer verifies against the discovered JWKS (RS-19).
		String tampered = accessToken.substring(0, accessToken.length() - 4)
				+ (accessToken.endsWith("AAAA") ? "BBBB" : "AAAA");
		HttpResponse<String> refused = postMcp(initialize(), tampered);
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(401);
		assertThat(refused.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer error=\"invalid_token\"");

		// RS-23: the upstream calls carried nothing of the caller's token.
		List<LoggedRequest> upstream = nws.findAll(anyRequestedFor(anyUrl()));
		assertThat(upstream).isNotEmpty();
		assertThat(upstream).allSatisfy(request -> {
			assertThat(request.containsHeader("Authorization")).as(request.getUrl()).isFalse();
			assertThat(request.getBodyAsString()).doesNotContain(accessToken);
		});
	}

	/**
	 * RS-20, RS-21, RS-08, RS-11: a genuine Keycloak token from the same realm, signed with the trusted key,
	 * but not for this resource (client credentials of a client with no weather scope: {@code aud} is
	 * Keycloak's {@code account}) is refused with 401 invalid_token, not 403: it is not a token for us at all.
	 */
	@Test
	@Order(3)
	void keycloakTokenWithoutTheResourceAudienceIsRefused() throws Exception {
		String token = realm.serviceToken().path("access_token").asString();
		JsonNode claims = claims(token);
		assertThat(claims.path("iss").asString()).isEqualTo(realm.issuer());
		assertThat(audiences(claims)).doesNotContain(amagasa.mcpUrl());

		HttpResponse<String> response = postMcp(initialize(), token);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
		String challenge = response.headers().firstValue("WWW-Authenticate").orElse("");
		assertThat(challenge).startsWith("Bearer error=\"invalid_token\"")
			.contains("resource_metadata=\"" + amagasa.baseUrl() + "/.well-known/oauth-protected-resource/mcp\"");
		awaitLog("decision=deny reason=\"audience_mismatch\" status=401");
	}

	/**
	 * Test B: the TypeScript SDK client on its own, as an MCP host runs it: 401, Protected Resource Metadata,
	 * Keycloak's metadata, dynamic client registration at Keycloak, authorization with PKCE (the login page,
	 * then Keycloak's consent page for anonymously registered clients, in headless Chromium),
	 * {@code finishAuth}, reconnect, tools.
	 */
	@Test
	@Order(4)
	void typeScriptSdkRegistersAtKeycloakAndSignsIn() throws Exception {
		JsonNode report = runTypeScriptOAuthClient("ts-sdk-oauth-dcr");
		JsonNode keycloakMetadata = getJson(realm.metadataUrl());

		List<String> exchanges = exchanges(report);
		assertThat(exchanges).containsSubsequence("POST " + amagasa.mcpUrl() + " 401",
				"GET " + amagasa.baseUrl() + "/.well-known/oauth-protected-resource/mcp 200",
				"GET " + realm.metadataUrl() + " 200",
				"POST " + keycloakMetadata.path("registration_endpoint").asString() + " 201",
				"POST " + keycloakMetadata.path("token_endpoint").asString() + " 200", "POST " + amagasa.mcpUrl() + " 200");
		JsonNode client = report.path("registeredClient");
		assertThat(client.path("client_id").asString()).isNotBlank().isNotEqualTo(KeycloakRealm.PUBLIC_CLIENT);
		assertThat(client.path("token_endpoint_auth_method").asString()).isEqualTo("none");
		assertThat(report.path("callback").path("consented").asBoolean()).as("Keycloak's consent page").isTrue();
		assertSignedInAndCalledTools(report, client.path("client_id").asString(), keycloakMetadata);
	}

	/** Test B with the pre-registered public client, handed to the SDK through clientInformation() (CL-12). */
	@Test
	@Order(5)
	void typeScriptSdkUsesThePreRegisteredClient() throws Exception {
		JsonNode report = runTypeScriptOAuthClient("ts-sdk-oauth-preregistered", "--client-id",
				KeycloakRealm.PUBLIC_CLIENT);
		JsonNode keycloakMetadata = getJson(realm.metadataUrl());

		List<String> exchanges = exchanges(report);
		assertThat(exchanges).containsSubsequence("POST " + amagasa.mcpUrl() + " 401",
				"GET " + amagasa.baseUrl() + "/.well-known/oauth-protected-resource/mcp 200",
				"GET " + realm.metadataUrl() + " 200",
				"POST " + keycloakMetadata.path("token_endpoint").asString() + " 200", "POST " + amagasa.mcpUrl() + " 200");
		assertThat(exchanges).noneMatch(exchange -> exchange.contains("clients-registrations"));
		assertThat(report.path("callback").path("consented").asBoolean()).isFalse();
		assertSignedInAndCalledTools(report, KeycloakRealm.PUBLIC_CLIENT, keycloakMetadata);
	}

	private JsonNode runTypeScriptOAuthClient(String name, String... extraArguments) throws Exception {
		List<String> arguments = new ArrayList<>(List.of("clients/ts-sdk-oauth-client.mjs", "--url", amagasa.mcpUrl(),
				"--username", KeycloakRealm.USERNAME, "--password", KeycloakRealm.PASSWORD, "--calls",
				"[" + ALERTS_CALL + "," + FORECAST_CALL + "]", "--screenshot-dir", Interop.reportsDir().toString(),
				"--screenshot-prefix", NAME + "-" + name));
		arguments.addAll(List.of(extraArguments));
		Node.Result result = Node.run(NAME + "-" + name, 180, Map.of(), arguments.toArray(String[]::new));
		assertThat(result.exitCode()).as(result.describe() + logs()).isZero();
		return lastJsonLine(result);
	}

	private void assertSignedInAndCalledTools(JsonNode report, String clientId, JsonNode keycloakMetadata) {
		assertThat(report.path("firstConnect").asString()).isEqualTo("UnauthorizedError");
		JsonNode request = report.path("authorizationRequest");
		assertThat(request.path("endpoint").asString())
			.isEqualTo(keycloakMetadata.path("authorization_endpoint").asString());
		JsonNode params = request.path("params");
		assertThat(params.path("client_id").asString()).isEqualTo(clientId);
		assertThat(params.path("response_type").asString()).isEqualTo("code");
		assertThat(params.path("code_challenge_method").asString()).isEqualTo("S256");
		assertThat(params.path("code_challenge").asString()).isEqualTo("(present)");
		assertThat(params.path("scope").asString()).isEqualTo("weather.read");
		assertThat(params.path("resource").asString()).isEqualTo(amagasa.mcpUrl());
		assertThat(params.path("state").asString()).isNotBlank();
		assertThat(params.path("redirect_uri").asString()).startsWith("http://127.0.0.1:");
		JsonNode callback = report.path("callback");
		assertThat(callback.path("stateMatches").asBoolean()).isTrue();
		assertThat(callback.path("iss").asString()).isEqualTo(realm.issuer());
		assertThat(report.path("authorizationServer").path("issuer").asString()).isEqualTo(realm.issuer());
		assertThat(callback.path("screenshots").size()).isPositive();
		JsonNode claims = report.path("token").path("claims");
		assertThat(claims.path("iss").asString()).isEqualTo(realm.issuer());
		assertThat(claims.path("azp").asString()).isEqualTo(clientId);
		assertThat(audiences(claims)).contains(amagasa.mcpUrl());
		assertThat(claims.path("scope").asString().split(" ")).contains("weather.read");
		assertThat(strings(report.path("tools"))).containsExactlyInAnyOrder("get_alerts", "get_forecast");
		assertToolResults(report.path("calls").get(0).path("result"), report.path("calls").get(1).path("result"));
	}

	private static void assertToolResults(JsonNode alerts, JsonNode forecast) {
		assertThat(alerts.path("isError").asBoolean()).as(alerts.toString()).isFalse();
		assertThat(alerts.path("content").get(0).path("text").asString()).isEqualTo("No active alerts for this state.");
		assertThat(forecast.path("isError").asBoolean()).as(forecast.toString()).isFalse();
		assertThat(forecast.path("content").get(0).path("text").asString()).contains("Tonight:")
			.contains("Temperature: 52°F");
	}

	/** The NWS API, as far as these calls need it: WY has no alerts; one point with a one-period forecast. */
	private static WireMockServer startNwsStub() {
		WireMockServer server = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
		server.start();
		String forecastPath = "/gridpoints/TOP/31,80/forecast";
		server.stubFor(get(urlPathEqualTo("/alerts/active/area/WY"))
			.willReturn(geoJson("{\"type\":\"FeatureCollection\",\"features\":[]}")));
		server.stubFor(get(urlPathMatching("/points/.+")).willReturn(geoJson(
				"{\"type\":\"Feature\",\"properties\":{\"forecast\":\"" + server.baseUrl() + forecastPath + "\"}}")));
		server.stubFor(get(urlPathEqualTo(forecastPath)).willReturn(geoJson("{\"type\":\"Feature\",\"properties\":"
				+ "{\"periods\":[{\"number\":1,\"name\":\"Tonight\",\"temperature\":52,\"temperatureUnit\":\"F\","
				+ "\"windSpeed\":\"5 mph\",\"windDirection\":\"S\",\"detailedForecast\":\"Clear, with a low around 52.\"}]}}")));
		return server;
	}

	private static ResponseDefinitionBuilder geoJson(String body) {
		return aResponse().withStatus(200).withHeader("Content-Type", "application/geo+json").withBody(body);
	}

	private static String initialize() {
		return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
				+ "\"capabilities\":{},\"clientInfo\":{\"name\":\"keycloak-external-test\",\"version\":\"1\"}}}";
	}

	private static HttpResponse<String> postMcp(String body, String bearer) throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(amagasa.mcpUrl()))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json, text/event-stream")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (bearer != null) {
			request.header("Authorization", "Bearer " + bearer);
		}
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static JsonNode getJson(String url) throws IOException, InterruptedException {
		HttpResponse<String> response = HTTP.send(
				HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("GET " + url + ": " + response.body()).isEqualTo(200);
		return JSON.readTree(response.body());
	}

	/** A client program prints one JSON document as its last stdout line. */
	private static JsonNode lastJsonLine(Node.Result result) {
		String[] lines = result.stdout().strip().split("\n");
		try {
			return JSON.readTree(lines[lines.length - 1]);
		}
		catch (RuntimeException ex) {
			throw new AssertionError("No JSON report from the client:\n" + result.describe(), ex);
		}
	}

	private static List<String> exchanges(JsonNode report) {
		List<String> exchanges = new ArrayList<>();
		report.path("exchanges")
			.forEach(exchange -> exchanges.add(exchange.path("method").asString() + " " + exchange.path("url").asString()
					+ " " + exchange.path("status").asInt()));
		return exchanges;
	}

	private static JsonNode claims(String jwt) {
		String[] parts = jwt.split("\\.");
		assertThat(parts).as("a JWT access token").hasSize(3);
		return JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
	}

	/** {@code aud} is a string or an array. */
	private static List<String> audiences(JsonNode claims) {
		JsonNode aud = claims.path("aud");
		return aud.isArray() ? strings(aud) : List.of(aud.asString());
	}

	private static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach(value -> values.add(value.asString()));
		return values;
	}

	/** The audit line may trail the response by a moment. */
	private static void awaitLog(String expected) throws Exception {
		Instant deadline = Instant.now().plusSeconds(10);
		while (!amagasa.output().contains(expected)) {
			if (Instant.now().isAfter(deadline)) {
				throw new AssertionError("The server log has no line containing " + expected + logs());
			}
			Thread.sleep(100);
		}
	}

	private static String logs() {
		try {
			return "\n--- Amagasa log (tail)\n" + tail(amagasa.output()) + "\n--- Keycloak log (tail)\n"
					+ tail(keycloak.output());
		}
		catch (IOException ex) {
			return "\n(logs unreadable: " + ex + ")";
		}
	}

	private static String tail(String text) {
		return text.length() > 6000 ? text.substring(text.length() - 6000) : text;
	}

	private static String randomBase64Url(int bytes) {
		byte[] random = new byte[bytes];
		new SecureRandom().nextBytes(random);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
	}

	private static String s256(String verifier) throws NoSuchAlgorithmException {
		byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
		return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
	}

}
