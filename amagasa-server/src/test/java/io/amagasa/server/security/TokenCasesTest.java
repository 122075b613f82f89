package io.amagasa.server.security;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

import ch.qos.logback.classic.LoggerContext;
import com.github.tomakehurst.wiremock.WireMockServer;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import io.amagasa.resource.caller.CallerContext;
import io.amagasa.resource.token.Caller;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.Map;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The resource server's token cases, table-driven, against the running server in {@code external}
 * mode: real RSA and EC keys, a JWKS served on loopback, real HTTP. Each case asserts the status and
 * the exact {@code WWW-Authenticate} header. The table with the results is written to
 * target/token-cases.md for the issue note.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ExtendWith(OutputCaptureExtension.class)
class TokenCasesTest {

	@Autowired
	MeterRegistry meters;

	static final TestIssuer ISSUER = TestIssuer.start();

	static final int PORT = freePort();

	static final String BASE = "http://localhost:" + PORT;

	static final String RESOURCE = BASE + "/mcp";

	static final String METADATA = BASE + "/.well-known/oauth-protected-resource/mcp";

	static final String BROWSER_CLIENT = "https://inspector.example";

	static final WireMockServer NWS = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());

	static final HttpClient HTTP = HttpClient.newHttpClient();

	static final List<String> REPORT = new ArrayList<>();

	static {
		NWS.start();
		NWS.stubFor(get(urlPathMatching("/alerts/active/area/.*")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/geo+json")
			.withBody("{\"type\":\"FeatureCollection\",\"features\":[]}")));
	}

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
		registry.add("amagasa.public-base-url", () -> BASE);
		registry.add("amagasa.auth.mode", () -> "external");
		registry.add("amagasa.auth.external.issuer", ISSUER::issuer);
		registry.add("amagasa.auth.external.jwk-set-uri", ISSUER::jwksUri);
		registry.add("amagasa.auth.external.require-at-jwt-type", () -> "true");
		registry.add("amagasa.auth.policy.allowed-clients", () -> "good-client,other-client");
		registry.add("amagasa.auth.policy.allowed-tenants", () -> "tenant-a");
		registry.add("amagasa.weather.nws-base-url", NWS::baseUrl);
		registry.add("amagasa.http.allowed-origins", () -> BROWSER_CLIENT);
	}

	@AfterAll
	static void writeReport() throws IOException {
		ISSUER.close();
		NWS.stop();
		Path report = Path.of("target", "token-cases.md");
		Files.createDirectories(report.getParent());
		List<String> lines = new ArrayList<>(List.of("| case | status | WWW-Authenticate |", "|---|---|---|"));
		lines.addAll(REPORT);
		Files.write(report, lines);
	}

	record Case(String name, Function<Req, HttpRequest> request, int status, String challenge) {

		@Override
		public String toString() {
			return this.name;
		}

	}

	/** Builds requests for one case. */
	static final class Req {

		HttpRequest.Builder initialize(String authorization) {
			HttpRequest.Builder builder = post(initializeBody());
			return authorization == null ? builder : builder.header("Authorization", authorization);
		}

		HttpRequest.Builder post(String body) {
			return HttpRequest.newBuilder(URI.create(RESOURCE))
				.header("Content-Type", "application/json")
				.header("Accept", "application/json, text/event-stream")
				.POST(HttpRequest.BodyPublishers.ofString(body));
		}

		/** Opens an MCP session with the token: the session's id. */
		String session(String token) throws Exception {
			return send(initialize(bearer(token)).build()).headers().firstValue("Mcp-Session-Id").orElseThrow();
		}

		/** A POST within a session, with the token and the protocol version. */
		HttpRequest.Builder inSession(String body, String token, String session) {
			return post(body).header("Authorization", bearer(token))
				.header("Mcp-Session-Id", session)
				.header("MCP-Protocol-Version", "2025-11-25");
		}

	}

	static String initializeBody() {
		return "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
				+ "\"capabilities\":{},\"clientInfo\":{\"name\":\"token-cases\",\"version\":\"1\"}}}";
	}

	static String toolCall(String tool, String arguments) {
		return "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"" + tool
				+ "\",\"arguments\":" + arguments + "}}";
	}

	static String noCredentials() {
		return "Bearer resource_metadata=\"" + METADATA + "\", scope=\"weather.read\"";
	}

	static String invalid(String error, String description) {
		return "Bearer error=\"" + error + "\", scope=\"weather.read\", resource_metadata=\"" + METADATA
				+ "\", error_description=\"" + description + "\"";
	}

	static String insufficient(String scopes, String description) {
		return "Bearer error=\"insufficient_scope\", scope=\"" + scopes + "\", resource_metadata=\"" + METADATA
				+ "\", error_description=\"" + description + "\"";
	}

	static String bearer(String token) {
		return "Bearer " + token;
	}

	static TestIssuer.Token valid() {
		return ISSUER.token(RESOURCE);
	}

	static Stream<Case> cases() throws Exception {
		String good = valid().sign();
		RSAKey stranger = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
		Instant now = Instant.now();
		List<Case> cases = new ArrayList<>();
		// RS-08, RS-11: no credentials → 401 without an error code, naming the metadata and the scope.
		cases.add(new Case("no Authorization header", r -> r.initialize(null).build(), 401, noCredentials()));
		cases.add(new Case("valid RS256 token", r -> r.initialize(bearer(good)).build(), 200, null));
		cases.add(new Case("valid ES256 token", r -> r.initialize(bearer(valid().ec().sign())).build(), 200, null));
		// RS-20: audience binding.
		cases.add(new Case("aud names another resource",
				r -> r.initialize(bearer(ISSUER.token(BASE + "/other").sign())).build(), 401,
				invalid("invalid_token", "The access token was issued for another resource")));
		cases.add(new Case("aud missing", r -> r.initialize(bearer(valid().claims(c -> c.audience((String) null)).sign())).build(),
				401, invalid("invalid_token", "The access token has no audience (aud)")));
		cases.add(new Case("aud array containing the resource",
				r -> r.initialize(bearer(valid().claims(c -> c.audience(List.of("https://api.example", RESOURCE))).sign()))
					.build(),
				200, null));
		cases.add(new Case("aud array without the resource",
				r -> r.initialize(bearer(valid().claims(c -> c.audience(List.of("https://api.example", BASE))).sign()))
					.build(),
				401, invalid("invalid_token", "The access token was issued for another resource")));
		// RS-22: scheme and host compare case-insensitively.
		cases.add(new Case("aud with upper-case scheme and host",
				r -> r.initialize(bearer(ISSUER.token("HTTP://LOCALHOST:" + PORT + "/mcp").sign())).build(), 200, null));
		cases.add(new Case("aud differing in path case",
				r -> r.initialize(bearer(ISSUER.token(BASE + "/MCP").sign())).build(), 401,
				invalid("invalid_token", "The access token was issued for another resource")));
		cases.add(new Case("wrong iss", r -> r.initialize(bearer(valid().claims(c -> c.issuer("https://evil.example/")).sign()))
			.build(), 401, invalid("invalid_token", "The token issuer is not trusted")));
		cases.add(new Case("expired",
				r -> r.initialize(bearer(valid().claims(c -> c.expirationTime(Date.from(now.minusSeconds(120)))).sign()))
					.build(),
				401, invalid("invalid_token", "The access token expired")));
		cases.add(new Case("expired within the clock skew",
				r -> r.initialize(bearer(valid().claims(c -> c.expirationTime(Date.from(now.minusSeconds(5)))).sign()))
					.build(),
				200, null));
		cases.add(new Case("not yet valid (nbf)",
				r -> r.initialize(bearer(valid().claims(c -> c.notBeforeTime(Date.from(now.plusSeconds(600)))).sign()))
					.build(),
				401, invalid("invalid_token", "The access token is not valid yet")));
		cases.add(new Case("no exp", r -> r.initialize(bearer(valid().claims(c -> c.expirationTime(null)).sign())).build(),
				401, invalid("invalid_token", "The access token has no expiry (exp)")));
		cases.add(new Case("alg none", r -> r.initialize(bearer(unsigned())).build(), 401,
				invalid("invalid_token", "Unsigned tokens (alg none) are not accepted")));
		String hs256 = hs256WithPublicKey();
		cases.add(new Case("HS256 signed with the RSA public key", r -> r.initialize(bearer(hs256)).build(), 401,
				invalid("invalid_token", "The token signing algorithm is not accepted")));
		cases.add(new Case("signed by a stranger's key under a known kid",
				r -> r.initialize(bearer(valid().signedWith(stranger, JWSAlgorithm.RS256).sign())).build(), 401,
				invalid("invalid_token", "The token signature is invalid")));
		// RFC 8725 §3.2: only the issuer's published keys count; a key or key URL in the token itself is ignored.
		cases.add(new Case("jwk, jku and x5u in the header naming a stranger's key",
				r -> r.initialize(bearer(valid().signedWith(stranger, JWSAlgorithm.RS256)
					.headers(h -> h.jwk(stranger.toPublicJWK())
						.jwkURL(URI.create(NWS.baseUrl() + "/stranger/jwks"))
						.x509CertURL(URI.create(NWS.baseUrl() + "/stranger/cert")))
					.sign())).build(),
				401, invalid("invalid_token", "The token signature is invalid")));
		// RFC 7515 §4.1.11: extensions listed in crit must be understood; this server understands none.
		cases.add(new Case("crit header naming an unknown extension",
				r -> r.initialize(bearer(valid().headers(h -> h.criticalParams(Set.of("urn:example:ext"))
					.customParam("urn:example:ext", true)).sign())).build(),
				401, invalid("invalid_token", "The token header lists critical extensions (crit) that are not supported")));
		String encrypted = encryptedToken();
		cases.add(new Case("encrypted token (JWE)", r -> r.initialize(bearer(encrypted)).build(), 401,
				invalid("invalid_token", "Encrypted access tokens (JWE) are not accepted")));
		cases.add(new Case("typ JWT where at+jwt is required (RFC 9068)",
				r -> r.initialize(bearer(valid().type("JWT").sign())).build(), 401,
				invalid("invalid_token", "The token is not a JWT access token (typ at+jwt, RFC 9068)")));
		cases.add(new Case("not a JWT", r -> r.initialize(bearer("opaque-token-value")).build(), 401,
				invalid("invalid_token", "The access token is not a JWT")));
		cases.add(new Case("oversized token (20 KiB)", r -> r.initialize(bearer("a".repeat(20 * 1024))).build(), 401,
				invalid("invalid_token", "The access token is too large")));
		// RS-25: tokens outside the Authorization header are ignored.
		cases.add(new Case("token in the query string",
				r -> HttpRequest.newBuilder(URI.create(RESOURCE + "?access_token=" + good))
					.header("Content-Type", "application/json")
					.header("Accept", "application/json, text/event-stream")
					.POST(HttpRequest.BodyPublishers.ofString(initializeBody()))
					.build(),
				401, noCredentials()));
		cases.add(new Case("token in a form body",
				r -> HttpRequest.newBuilder(URI.create(RESOURCE))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString("access_token=" + good))
					.build(),
				401, noCredentials()));
		cases.add(new Case("header token plus a query token: the query is ignored",
				r -> HttpRequest.newBuilder(URI.create(RESOURCE + "?access_token=ignored"))
					.header("Content-Type", "application/json")
					.header("Accept", "application/json, text/event-stream")
					.header("Authorization", bearer(good))
					.POST(HttpRequest.BodyPublishers.ofString(initializeBody()))
					.build(),
				200, null));
		// RFC 9110 §11.1: the scheme name is case-insensitive; RFC 6750 §2.1: 1*SP before the token.
		cases.add(new Case("scheme in lower case", r -> r.initialize("bearer " + good).build(), 200, null));
		cases.add(new Case("scheme in upper case", r -> r.initialize("BEARER " + good).build(), 200, null));
		cases.add(new Case("several spaces before the token", r -> r.initialize("Bearer   " + good).build(), 200, null));
		cases.add(new Case("two credentials in one header", r -> r.initialize("Bearer " + good + " " + good).build(), 400,
				invalid("invalid_request", "the Authorization header carries more than one credential")));
		cases.add(new Case("two Authorization headers",
				r -> r.initialize(bearer(good)).header("Authorization", bearer(good)).build(), 400,
				invalid("invalid_request", "several Authorization headers were sent; send exactly one")));
		cases.add(new Case("empty bearer token", r -> r.initialize("Bearer").build(), 400,
				invalid("invalid_request", "the Bearer credentials are empty")));
		cases.add(new Case("characters outside b64token", r -> r.initialize("Bearer abc$def").build(), 400,
				invalid("invalid_request", "the bearer token has characters outside the RFC 6750 b64token syntax")));
		cases.add(new Case("Basic credentials are not bearer credentials",
				r -> r.initialize("Basic YWxpY2U6c2VjcmV0").build(), 401, noCredentials()));
		// DPoP (RFC 9449) is not offered: a DPoP-scheme header with a proof is no bearer credential either.
		cases.add(new Case("DPoP scheme with a proof",
				r -> r.initialize("DPoP " + good).header("DPoP", good).build(), 401, noCredentials()));
		// RS-13..RS-15, RS-17: per-tool scopes, step-up, hierarchy.
		cases.add(new Case("get_alerts with only weather.forecast",
				r -> r.post(toolCall("get_alerts", "{\"state\":\"CA\"}"))
					.header("Authorization", bearer(valid().scope("weather.forecast").sign()))
					.build(),
				403, insufficient("weather.alerts", "calling get_alerts requires the scope(s) weather.alerts")));
		cases.add(new Case("get_forecast with no scope",
				r -> r.post(toolCall("get_forecast", "{\"latitude\":38.9,\"longitude\":-77.0}"))
					.header("Authorization", bearer(valid().claims(c -> c.claim("scope", null)).sign()))
					.build(),
				403, insufficient("weather.forecast", "calling get_forecast requires the scope(s) weather.forecast")));
		cases.add(new Case("batch calling both tools with weather.alerts",
				r -> r.post("[" + toolCall("get_alerts", "{\"state\":\"CA\"}") + ","
						+ toolCall("get_forecast", "{\"latitude\":38.9,\"longitude\":-77.0}") + "]")
					.header("Authorization", bearer(valid().scope("weather.alerts").sign()))
					.build(),
				403, insufficient("weather.alerts weather.forecast",
						"calling get_alerts, get_forecast requires the scope(s) weather.alerts weather.forecast")));
		// Allow-lists: clean 403s with a reason, no step-up challenge.
		cases.add(new Case("client not allowed",
				r -> r.initialize(bearer(valid().claims(c -> c.claim("client_id", "evil-client")).sign())).build(), 403,
				null));
		cases.add(new Case("tenant not allowed",
				r -> r.initialize(bearer(valid().claims(c -> c.claim("tid", "tenant-b")).sign())).build(), 403, null));
		// A token without the claim an allow-list checks is not on the list: a 403, never a 500.
		cases.add(new Case("no client id while clients are allow-listed",
				r -> r.initialize(bearer(valid().claims(c -> c.claim("client_id", null)).sign())).build(), 403, null));
		cases.add(new Case("no tid while tenants are allow-listed",
				r -> r.initialize(bearer(valid().claims(c -> c.claim("tid", null)).sign())).build(), 403, null));
		cases.add(new Case("duplicate keys in the JSON-RPC body",
				r -> r.post("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"get_forecast\","
						+ "\"name\":\"get_alerts\",\"arguments\":{}}}")
					.header("Authorization", bearer(valid().scope("weather.forecast").sign()))
					.build(),
				400, null));
		return cases.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void tokenCase(Case testCase) throws Exception {
		HttpResponse<String> response = HTTP.send(testCase.request().apply(new Req()),
				HttpResponse.BodyHandlers.ofString());
		String challenge = response.headers().firstValue("WWW-Authenticate").orElse(null);
		REPORT.add("| " + testCase.name() + " | " + response.statusCode() + " | `" + (challenge == null ? "—" : challenge)
			.replace(METADATA, "…/.well-known/oauth-protected-resource/mcp") + "` |");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(testCase.status());
		assertThat(challenge).isEqualTo(testCase.challenge());
		if (testCase.status() >= 400) {
			assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.");
		}
	}

	/** RS-19 with key rotation: an unknown kid makes the server refetch the JWKS once. */
	@Test
	void unknownKidTriggersRefetchAndJwksOutageKeepsCachedKeys() throws Exception {
		Req r = new Req();
		assertThat(send(r.initialize(bearer(valid().sign())).build()).statusCode()).isEqualTo(200);

		RSAKey rotated = new RSAKeyGenerator(2048).keyID("rsa-2").generate();
		ISSUER.publish(rotated);
		int before = ISSUER.jwksRequests();
		HttpResponse<String> afterRotation = send(
				r.initialize(bearer(valid().signedWith(rotated, JWSAlgorithm.RS256).sign())).build());
		assertThat(afterRotation.statusCode()).as(afterRotation.body()).isEqualTo(200);
		assertThat(ISSUER.jwksRequests()).isGreaterThan(before);

		ISSUER.setDown(true);
		try {
			assertThat(send(r.initialize(bearer(valid().sign())).build()).statusCode()).isEqualTo(200);
			RSAKey unknown = new RSAKeyGenerator(2048).keyID("rsa-3").generate();
			HttpResponse<String> failClosed = send(
					r.initialize(bearer(valid().signedWith(unknown, JWSAlgorithm.RS256).sign())).build());
			assertThat(failClosed.statusCode()).isEqualTo(401);
			assertThat(failClosed.headers().firstValue("WWW-Authenticate").orElseThrow())
				.startsWith("Bearer error=\"invalid_token\"");
		}
		finally {
			ISSUER.setDown(false);
		}
	}

	/** TR-16: a session belongs to the caller that created it; anyone else gets 404. */
	@Test
	void sessionIdReplayedWithAnotherUsersTokenIsNotFound() throws Exception {
		Req r = new Req();
		String alice = valid().sign();
		String bob = valid().subject("bob").sign();
		HttpResponse<String> initialized = send(r.initialize(bearer(alice)).build());
		assertThat(initialized.statusCode()).isEqualTo(200);
		String session = initialized.headers().firstValue("Mcp-Session-Id").orElseThrow();
		String ping = "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"ping\"}";

		HttpResponse<String> asBob = send(r.inSession(ping, bob, session).build());
		assertThat(asBob.statusCode()).isEqualTo(404);

		HttpResponse<String> asAlice = send(r.inSession(ping, alice, session).build());
		assertThat(asAlice.statusCode()).isEqualTo(200);

		HttpResponse<String> noToken = send(r.post(ping).header("Mcp-Session-Id", session).build());
		assertThat(noToken.statusCode()).as("a session id is never a credential").isEqualTo(401);
	}

	/** RS-14, RS-17: a broader scope covers both tools; a call the token covers proceeds. */
	@Test
	void hierarchyScopeCallsBothTools() throws Exception {
		Req r = new Req();
		String token = valid().scope("weather.read").sign();
		HttpResponse<String> call = send(
				r.inSession(toolCall("get_alerts", "{\"state\":\"CA\"}"), token, r.session(token)).build());
		assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
		assertThat(call.body()).contains("No active alerts");
	}

	/** tools/list shows only the tools the caller's scopes allow it to call. */
	@Test
	void toolsListShowsOnlyCallableTools() throws Exception {
		Req r = new Req();
		String token = valid().scope("weather.forecast").sign();
		String list = "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/list\"}";
		HttpResponse<String> listed = send(r.inSession(list, token, r.session(token)).build());
		assertThat(listed.statusCode()).isEqualTo(200);
		assertThat(listed.body()).contains("\"get_forecast\"").doesNotContain("\"get_alerts\"");

		String broad = valid().scope("weather.read").sign();
		HttpResponse<String> all = send(r.inSession(list, broad, r.session(broad)).build());
		assertThat(all.body()).contains("\"get_forecast\"").contains("\"get_alerts\"");
	}

	/**
	 * A tool reads the verified caller from the MCP transport context; the token is neither there nor on the
	 * request the application sees (RS-23: nothing past the filter chain can forward it).
	 */
	@Test
	void toolsReadTheCallerFromTheTransportContext() throws Exception {
		Req r = new Req();
		String token = valid().scope("weather.read").sign();
		String session = r.session(token);
		HttpResponse<String> call = send(r.inSession(toolCall("whoami", "{}"), token, session).build());
		assertThat(call.statusCode()).isEqualTo(200);
		assertThat(call.body()).contains("subject=alice client=good-client tenant=tenant-a scopes=[weather.read]")
			.contains("authorization_header=absent mcp_session_header=present")
			.doesNotContain(token);
	}

	/**
	 * A tool call's response is streamed (SSE) and completed on an ASYNC dispatch of the same request, which
	 * the filter chain does not see again: the call was authenticated and authorized on its REQUEST dispatch,
	 * and still completes. ERROR dispatches keep the chain, so error responses keep their security headers.
	 */
	@Test
	void theChainRunsOnceForAStreamedToolCall(
			@Autowired @Qualifier("securityFilterChainRegistration") DelegatingFilterProxyRegistrationBean chain)
			throws Exception {
		assertThat(chain.determineDispatcherTypes()).contains(DispatcherType.REQUEST, DispatcherType.ERROR)
			.doesNotContain(DispatcherType.ASYNC);
		Req r = new Req();
		String token = valid().scope("weather.read").sign();
		String session = r.session(token);
		HttpResponse<String> call = send(r.inSession(toolCall("whoami", "{}"), token, session).build());
		assertThat(call.statusCode()).isEqualTo(200);
		assertThat(call.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
		assertThat(call.body()).contains("subject=alice");
	}

	@TestConfiguration
	static class WhoAmITool {

		@Bean
		List<McpServerFeatures.SyncToolSpecification> whoAmI() {
			McpSchema.Tool tool = McpSchema.Tool.builder("whoami", Map.of("type", "object")).build();
			return List.of(new McpServerFeatures.SyncToolSpecification(tool, (exchange, request) -> {
				Caller caller = CallerContext.caller(exchange.transportContext()).orElseThrow();
				String text = "subject=" + caller.subject() + " client=" + caller.clientId() + " tenant="
						+ caller.tenantId() + " scopes=" + caller.scopes() + " context=" + exchange.transportContext()
						+ " authorization_header=" + header(HttpHeaders.AUTHORIZATION) + " mcp_session_header="
						+ header("Mcp-Session-Id");
				return McpSchema.CallToolResult.builder()
					.content(List.of(McpSchema.TextContent.builder(text).build()))
					.build();
			}));
		}

		/** Whether the request the application sees (the tool runs on its thread) carries the header. */
		private static String header(String name) {
			HttpServletRequest request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes())
				.getRequest();
			boolean listed = Collections.list(request.getHeaderNames()).stream().anyMatch(name::equalsIgnoreCase);
			boolean read = request.getHeader(name) != null || request.getHeaders(name).hasMoreElements();
			return (listed && read) ? "present" : (!listed && !read) ? "absent" : "inconsistent";
		}

	}

	/** One structured audit line per decision, never the token, and a counter per outcome. */
	@Test
	void everyDecisionIsAuditedWithoutTheToken(CapturedOutput output) throws Exception {
		String token = valid().scope("weather.forecast").sign();
		send(new Req().post(toolCall("get_alerts", "{\"state\":\"CA\"}"))
			.header("Authorization", bearer(token))
			.header("X-Request-Id", "req-42")
			.build());
		// the audit lines are written by a background thread (AsynchronousAuditLog)
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(output.getOut())
			.contains("decision=deny reason=\"insufficient_scope\" status=403 issuer=\"" + ISSUER.issuer()
					+ "\" subject=\"alice\" client=\"good-client\" tenant=\"tenant-a\" method=\"tools/call\" "
					+ "tool=\"get_alerts\" jsonrpc_id=\"2\" http_request_id=\"req-42\""));
		assertThat(output.getOut()).doesNotContain(token).doesNotContain(token.substring(token.lastIndexOf('.') + 1));
		assertThat(this.meters.get("amagasa.auth.decisions").tag("outcome", "deny").tag("reason", "insufficient_scope")
			.counter()
			.count()).isPositive();
	}

	/**
	 * No logback turbo filter: Micrometer's logback.events counter would install one, run on every logger
	 * level check of every request (application.yaml excludes it). Decisions keep their own counter.
	 */
	@Test
	void levelChecksRunNoTurboFilter() throws Exception {
		LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
		assertThat(logging.getTurboFilterList()).isEmpty();
		assertThat(this.meters.find("logback.events").meters()).isEmpty();
		send(new Req().post(toolCall("get_alerts", "{\"state\":\"CA\"}")).build());
		assertThat(this.meters.find("amagasa.auth.decisions").tag("reason", "no_token").counter()).isNotNull();
	}

	/**
	 * An allowed call is one decision and one line: the asynchronous dispatch that completes its streamed
	 * (SSE) response passes the filters again, and must not decide, read the body or audit a second time.
	 */
	@Test
	void anAllowedStreamedCallIsAuditedOnce(CapturedOutput output) throws Exception {
		Req r = new Req();
		String token = valid().scope("weather.read").sign();
		String session = r.session(token);
		HttpResponse<String> call = send(r.inSession(toolCall("get_alerts", "{\"state\":\"CA\"}"), token, session)
			.header("X-Request-Id", "audited-once")
			.build());
		assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
		assertThat(call.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
		// a later request's line is written after any line of the first (one writer, in order)
		send(r.inSession("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}", token, session)
			.header("X-Request-Id", "audited-after")
			.build());
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(output.getOut()).contains("http_request_id=\"audited-after\""));
		assertThat(output.getOut().split("http_request_id=\"audited-once\"", -1)).hasSize(2);
		assertThat(output.getOut()).contains("decision=allow reason=\"ok\" status=200 issuer=\"" + ISSUER.issuer()
				+ "\" subject=\"alice\"");
	}

	/**
	 * RS-13: the transport acts on the very message the policy decided on (it takes the tree authorization
	 * parsed). A body it would decode to other text, under a declared charset other than UTF-8, is refused
	 * with a JSON-RPC error and audited, never parsed a second way; the same body declared UTF-8 is served.
	 */
	@Test
	void theTransportActsOnlyOnTheBodyThePolicyRead(CapturedOutput output) throws Exception {
		Req r = new Req();
		String token = valid().scope("weather.read").sign();
		String session = r.session(token);
		String call = toolCall("get_alerts", "{\"state\":\"Ça\"}");
		HttpResponse<String> latin1 = send(r.inSession(call, token, session)
			.setHeader("Content-Type", "application/json; charset=ISO-8859-1")
			.header("X-Request-Id", "decoded-differently")
			.build());
		assertThat(latin1.statusCode()).as(latin1.body()).isEqualTo(400);
		assertThat(latin1.body()).contains("\"jsonrpc\":\"2.0\"").contains("Invalid message format");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(output.getOut()).contains(
					"decision=deny reason=\"body_decoded_differently\" status=400 issuer=\"" + ISSUER.issuer()));
		assertThat(output.getOut()).contains("content_type=\"application/json; charset=ISO-8859-1\" "
				+ "http_request_id=\"decoded-differently\"");
		assertThat(this.meters.get("amagasa.auth.decisions").tag("reason", "body_decoded_differently").counter().count())
			.isPositive();

		HttpResponse<String> utf8 = send(r.inSession(call, token, session)
			.setHeader("Content-Type", "application/json; charset=UTF-8")
			.build());
		assertThat(utf8.statusCode()).as(utf8.body()).isEqualTo(200);
		assertThat(utf8.body()).contains("\"id\":2");
	}

	/** RS-01..RS-07: the metadata document, path-suffixed and root, readable cross-origin. */
	@Test
	void protectedResourceMetadata() throws Exception {
		for (String path : List.of("/.well-known/oauth-protected-resource/mcp", "/.well-known/oauth-protected-resource")) {
			HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(BASE + path))
				.header("Origin", "https://client.example")
				.GET()
				.build());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
			assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
			assertThat(response.body()).isEqualTo("{\"resource\":\"" + RESOURCE + "\",\"authorization_servers\":[\""
					+ ISSUER.issuer() + "\"],\"scopes_supported\":[\"weather.read\",\"weather.alerts\",\"weather.forecast\"],"
					+ "\"bearer_methods_supported\":[\"header\"],\"resource_name\":\"Amagasa weather\"}");
		}
	}

	/**
	 * RS-03: no other path serves a metadata document, least of all one whose resource is derived from the
	 * request (what Spring Security's own metadata filter would do under the well-known prefix).
	 */
	@Test
	void noMetadataDocumentElsewhere() throws Exception {
		for (String path : List.of("/.well-known/oauth-protected-resource/other",
				"/.well-known/oauth-protected-resource/mcp/x")) {
			HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(BASE + path)).GET().build());
			assertThat(response.statusCode()).as(path).isEqualTo(401);
			assertThat(response.body()).doesNotContain("\"resource\"");
		}
	}

	/** CORS lets browser-based clients read the challenge and the session id. */
	@Test
	void challengeIsExposedToBrowserClients() throws Exception {
		HttpResponse<String> preflight = send(HttpRequest.newBuilder(URI.create(RESOURCE))
			.header("Origin", BROWSER_CLIENT)
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "authorization,content-type,mcp-session-id")
			.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
			.build());
		assertThat(preflight.statusCode()).isEqualTo(200);
		HttpResponse<String> unauthenticated = send(new Req().initialize(null).header("Origin", BROWSER_CLIENT).build());
		assertThat(unauthenticated.headers().firstValue("Access-Control-Expose-Headers").orElse(""))
			.contains("WWW-Authenticate")
			.contains("Mcp-Session-Id");
	}

	private static HttpResponse<String> send(HttpRequest request) throws Exception {
		return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static String unsigned() {
		return new PlainJWT(valid().claimsForTests()).serialize();
	}

	private static String hs256WithPublicKey() throws Exception {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(),
				valid().claimsForTests());
		jwt.sign(new MACSigner(ISSUER.rsa.toPublicJWK().toRSAPublicKey().getEncoded()));
		return jwt.serialize();
	}

	/** A valid token's claims, encrypted to the issuer's RSA key (RFC 7516), as an issuer that encrypts would send. */
	private static String encryptedToken() throws Exception {
		EncryptedJWT jwt = new EncryptedJWT(new JWEHeader(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM),
				valid().claimsForTests());
		jwt.encrypt(new RSAEncrypter(ISSUER.rsa.toRSAPublicKey()));
		return jwt.serialize();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}


}
