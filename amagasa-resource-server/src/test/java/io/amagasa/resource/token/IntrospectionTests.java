package io.amagasa.resource.token;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Opaque tokens through RFC 7662 introspection (RS-19, RS-20 for opaque tokens). */
class IntrospectionTests {

	static final String RESOURCE = "https://mcp.example.com/mcp";

	static final String INTROSPECT = "/introspect";

	static final String CLIENT_ID = "mcp-resource";

	/** Characters RFC 6749 §2.3.1 makes us form-encode before Basic encoding. */
	static final String CLIENT_SECRET = "s3cr3t:with spaces&symbols+";

	TestAuthorizationServer server;

	String issuer;

	MutableClock clock = new MutableClock();

	Map<String, Map<String, Object>> responses = new HashMap<>();

	@BeforeEach
	void start() {
		this.server = TestAuthorizationServer.start();
		this.issuer = this.server.baseUrl();
		this.server.introspection(INTROSPECT, CLIENT_ID, CLIENT_SECRET, this.responses);
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	TrustedIssuer trustedIssuer(String secret) {
		return new TrustedIssuer(this.issuer, this.server.uri("/jwks"), List.of(RESOURCE), true,
				new TrustedIssuer.Introspection(this.server.uri(INTROSPECT), CLIENT_ID, secret));
	}

	AccessTokenVerifier verifier() {
		return AccessTokenVerifierBuilder.create().trustedIssuer(trustedIssuer(CLIENT_SECRET)).clock(this.clock).build();
	}

	Map<String, Object> active(Object audience, Instant expiresAt) {
		Map<String, Object> response = new HashMap<>();
		response.put("active", true);
		response.put("iss", this.issuer);
		response.put("sub", "bob");
		response.put("client_id", "cli");
		response.put("scope", "weather:read alerts:read");
		response.put("exp", expiresAt.getEpochSecond());
		if (audience != null) {
			response.put("aud", audience);
		}
		return response;
	}

	String reason(AccessTokenVerifier verifier, String token) {
		return assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> verifier.verify(token))
			.actual()
			.reason();
	}

	@Test
	@DisplayName("RS-19: an active opaque token becomes a caller, introspected with client_secret_basic")
	void active() {
		this.responses.put("opaque-1", active(RESOURCE, this.clock.instant().plusSeconds(600)));
		Caller caller = verifier().verify("opaque-1");
		assertThat(caller.issuer()).isEqualTo(this.issuer);
		assertThat(caller.subject()).isEqualTo("bob");
		assertThat(caller.clientId()).isEqualTo("cli");
		assertThat(caller.scopes()).containsExactlyInAnyOrder("weather:read", "alerts:read");
		assertThat(caller.expiresAt()).isEqualTo(Instant.ofEpochSecond(this.clock.instant().plusSeconds(600).getEpochSecond()));
		assertThat(this.server.hits(INTROSPECT)).isEqualTo(1);
	}

	@Test
	@DisplayName("RS-19: an inactive token is refused, and that answer is not cached")
	void inactive() {
		AccessTokenVerifier verifier = verifier();
		assertThat(reason(verifier, "revoked")).isEqualTo(InvalidTokenException.INACTIVE);
		assertThat(reason(verifier, "revoked")).isEqualTo(InvalidTokenException.INACTIVE);
		assertThat(this.server.hits(INTROSPECT)).isEqualTo(2);
	}

	@Test
	@DisplayName("RS-20: an active token for another resource is refused; one without aud too")
	void audience() {
		this.responses.put("other", active(List.of("https://other.example.com"), this.clock.instant().plusSeconds(600)));
		this.responses.put("no-aud", active(null, this.clock.instant().plusSeconds(600)));
		this.responses.put("upper", active("HTTPS://MCP.EXAMPLE.COM/mcp", this.clock.instant().plusSeconds(600)));
		AccessTokenVerifier verifier = verifier();
		assertThat(reason(verifier, "other")).isEqualTo(InvalidTokenException.AUDIENCE_MISMATCH);
		assertThat(reason(verifier, "no-aud")).isEqualTo(InvalidTokenException.MISSING_AUDIENCE);
		assertThat(verifier.verify("upper").subject()).isEqualTo("bob");
	}

	@Test
	@DisplayName("RS-19: an introspected iss other than the issuer is refused")
	void foreignIssuer() {
		Map<String, Object> response = active(RESOURCE, this.clock.instant().plusSeconds(600));
		response.put("iss", "https://elsewhere.example.com");
		this.responses.put("foreign", response);
		assertThat(reason(verifier(), "foreign")).isEqualTo(InvalidTokenException.UNTRUSTED_ISSUER);
	}

	@Test
	@DisplayName("RS-19: an active refresh token is not an access token")
	void refreshToken() {
		Map<String, Object> response = active(RESOURCE, this.clock.instant().plusSeconds(600));
		response.put("token_type", "refresh_token");
		this.responses.put("refresh", response);
		assertThat(reason(verifier(), "refresh")).isEqualTo(InvalidTokenException.WRONG_TYPE);
	}

	@Test
	@DisplayName("RS-19: an expired exp in an active answer is still refused")
	void expiredWhileActive() {
		this.responses.put("stale", active(RESOURCE, this.clock.instant().minusSeconds(600)));
		assertThat(reason(verifier(), "stale")).isEqualTo(InvalidTokenException.EXPIRED);
	}

	@Test
	@DisplayName("Introspection results are cached, and never past the token's exp")
	void cacheHonoursExpiry() {
		this.responses.put("short", active(RESOURCE, this.clock.instant().plusSeconds(20)));
		AccessTokenVerifier verifier = verifier();
		Caller caller = verifier.verify("short");
		this.clock.advance(Duration.ofSeconds(10));
		assertThat(verifier.verify("short")).isSameAs(caller);
		assertThat(this.server.hits(INTROSPECT)).isEqualTo(1);
		// past exp (20 s) plus the default 30 s skew: the entry is gone and the fresh answer is refused
		this.clock.advance(Duration.ofSeconds(45));
		assertThat(reason(verifier, "short")).isEqualTo(InvalidTokenException.EXPIRED);
		assertThat(this.server.hits(INTROSPECT)).isEqualTo(2);
	}

	@Test
	@DisplayName("Introspection results are cached no longer than the configured lifetime, so revocation shows")
	void cacheHonoursMaxLifetime() {
		this.responses.put("long", active(RESOURCE, this.clock.instant().plusSeconds(3600)));
		AccessTokenVerifier verifier = verifier();
		verifier.verify("long");
		this.clock.advance(Duration.ofSeconds(59));
		verifier.verify("long");
		assertThat(this.server.hits(INTROSPECT)).isEqualTo(1);
		this.responses.remove("long");
		this.clock.advance(Duration.ofSeconds(2));
		assertThat(reason(verifier, "long")).isEqualTo(InvalidTokenException.INACTIVE);
		assertThat(this.server.hits(INTROSPECT)).isEqualTo(2);
	}

	@Test
	@DisplayName("Wrong client credentials or an unreachable endpoint give introspection_failed")
	void introspectionFailed() {
		this.responses.put("opaque", active(RESOURCE, this.clock.instant().plusSeconds(600)));
		AccessTokenVerifier wrongSecret = AccessTokenVerifierBuilder.create().trustedIssuer(trustedIssuer("wrong")).build();
		assertThat(reason(wrongSecret, "opaque")).isEqualTo(InvalidTokenException.INTROSPECTION_FAILED);
		this.server.down(INTROSPECT);
		assertThat(reason(verifier(), "opaque")).isEqualTo(InvalidTokenException.INTROSPECTION_FAILED);
	}

	@Test
	@DisplayName("A JWT of no trusted issuer goes to introspection when it is configured")
	void untrustedJwtIsIntrospected() {
		RSAKey stranger = TestTokens.rsaKey("x");
		String token = TestTokens.sign(stranger, TestTokens.claims("https://other.example.com", RESOURCE).build());
		assertThat(reason(verifier(), token)).isEqualTo(InvalidTokenException.INACTIVE);
		assertThat(this.server.hits(INTROSPECT)).isEqualTo(1);
	}

	@Test
	@DisplayName("A JWT of the trusted issuer is verified locally, never introspected")
	void trustedJwtIsNotIntrospected() {
		RSAKey key = TestTokens.rsaKey("k");
		this.server.publishKeys("/jwks", key);
		String token = TestTokens.sign(key, TestTokens.claims(this.issuer, RESOURCE).build());
		assertThat(verifier().verify(token).subject()).isEqualTo("alice");
		assertThat(this.server.hits(INTROSPECT)).isZero();
	}

	@Test
	@DisplayName("Without introspection an opaque token is malformed, and no request is made")
	void opaqueWithoutIntrospection() {
		AccessTokenVerifier verifier = AccessTokenVerifierBuilder.create()
			.trustedIssuer(new TrustedIssuer(this.issuer, this.server.uri("/jwks"), List.of(RESOURCE), true, null))
			.build();
		assertThat(reason(verifier, "opaque-token")).isEqualTo(InvalidTokenException.MALFORMED);
		assertThat(this.server.totalHits()).isZero();
	}

}
