package io.amagasa.resource.token;

import java.time.Duration;
import java.util.List;

import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** JWK set caching, key rotation, the refetch rate limit and outage tolerance (RS-19 signature check). */
class JwkSetCachingTests {

	static final String RESOURCE = "https://mcp.example.com/mcp";

	static final String JWKS = "/jwks";

	TestAuthorizationServer server;

	String issuer;

	RSAKey first = TestTokens.rsaKey("key-1");

	@BeforeEach
	void start() {
		this.server = TestAuthorizationServer.start();
		this.issuer = this.server.baseUrl();
		this.server.publishKeys(JWKS, this.first);
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	AccessTokenVerifierBuilder builder() {
		return AccessTokenVerifierBuilder.create()
			.trustedIssuer(new TrustedIssuer(this.issuer, this.server.uri(JWKS), List.of(RESOURCE), true, null))
			.validatedTokenCacheSize(0);
	}

	String token(RSAKey key) {
		return TestTokens.sign(key, TestTokens.claims(this.issuer, RESOURCE).build());
	}

	static String reason(AccessTokenVerifier verifier, String token) {
		return assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> verifier.verify(token))
			.actual()
			.reason();
	}

	@Test
	@DisplayName("RS-19: keys are fetched lazily, once, and then served from the cache")
	void fetchedLazilyAndCached() {
		AccessTokenVerifier verifier = builder().build();
		assertThat(this.server.hits(JWKS)).isZero();
		verifier.verify(token(this.first));
		verifier.verify(token(this.first));
		verifier.verify(token(this.first));
		assertThat(this.server.hits(JWKS)).isEqualTo(1);
	}

	@Test
	@DisplayName("RS-19: an unknown kid triggers one refetch that finds the rotated key; a second unknown kid within the window fetches nothing")
	void rotationAndRateLimit() {
		AccessTokenVerifier verifier = builder().build();
		verifier.verify(token(this.first));
		assertThat(this.server.hits(JWKS)).isEqualTo(1);

		RSAKey second = TestTokens.rsaKey("key-2");
		RSAKey third = TestTokens.rsaKey("key-3");
		this.server.publishKeys(JWKS, this.first, second);
		assertThat(verifier.verify(token(second)).subject()).isEqualTo("alice");
		assertThat(this.server.hits(JWKS)).isEqualTo(2);

		this.server.publishKeys(JWKS, this.first, second, third);
		assertThat(reason(verifier, token(third))).isEqualTo(InvalidTokenException.UNKNOWN_KEY);
		assertThat(reason(verifier, token(TestTokens.rsaKey("forged")))).isEqualTo(InvalidTokenException.UNKNOWN_KEY);
		assertThat(this.server.hits(JWKS)).isEqualTo(2);
		assertThat(verifier.verify(token(second)).subject()).isEqualTo("alice");
	}

	@Test
	@DisplayName("RS-19: after the rate-limit window, an unknown kid may refetch again")
	void rateLimitWindowPasses() throws InterruptedException {
		AccessTokenVerifier verifier = builder().jwkSetRefreshMinInterval(Duration.ofSeconds(1)).build();
		// keys and tokens made up front: on a loaded machine generating and signing take long enough for
		// the window to pass between the two unknown-kid checks that must fall inside it
		RSAKey second = TestTokens.rsaKey("key-2");
		String unknownKid = token(second);
		String unknownKidAgain = token(second);
		String afterTheWindow = token(second);
		verifier.verify(token(this.first));
		assertThat(reason(verifier, unknownKid)).isEqualTo(InvalidTokenException.UNKNOWN_KEY);
		assertThat(reason(verifier, unknownKidAgain)).isEqualTo(InvalidTokenException.UNKNOWN_KEY);
		assertThat(this.server.hits(JWKS)).isEqualTo(2);
		this.server.publishKeys(JWKS, this.first, second);
		Thread.sleep(1200);
		assertThat(verifier.verify(afterTheWindow).subject()).isEqualTo("alice");
		assertThat(this.server.hits(JWKS)).isEqualTo(3);
	}

	@Test
	@DisplayName("RS-19: while the JWK set endpoint is down, cached keys keep working and a new key fails closed")
	void outageTolerance() throws InterruptedException {
		AccessTokenVerifier verifier = builder().jwkSetCacheLifetime(Duration.ofMillis(400))
			.jwkSetRefreshMinInterval(Duration.ofMillis(50))
			.build();
		verifier.verify(token(this.first));
		this.server.down(JWKS);
		Thread.sleep(500);
		assertThat(verifier.verify(token(this.first)).subject()).isEqualTo("alice");
		int fetchesDuringOutage = this.server.hits(JWKS);
		assertThat(fetchesDuringOutage).isGreaterThan(1);
		assertThat(reason(verifier, token(TestTokens.rsaKey("key-2")))).isIn(InvalidTokenException.UNKNOWN_KEY,
				InvalidTokenException.JWKS_UNAVAILABLE);
	}

	@Test
	@DisplayName("RS-19: without outage tolerance an expired cache fails closed while the endpoint is down")
	void noOutageTolerance() throws InterruptedException {
		AccessTokenVerifier verifier = builder().jwkSetCacheLifetime(Duration.ofMillis(400))
			.jwkSetRefreshMinInterval(Duration.ofMillis(50))
			.jwkSetOutageTolerance(Duration.ZERO)
			.build();
		verifier.verify(token(this.first));
		this.server.down(JWKS);
		Thread.sleep(500);
		assertThat(reason(verifier, token(this.first))).isEqualTo(InvalidTokenException.JWKS_UNAVAILABLE);
	}

	@Test
	@DisplayName("RS-19: an endpoint that never answered fails closed as jwks_unavailable")
	void neverAvailable() {
		this.server.down(JWKS);
		assertThat(reason(builder().build(), token(this.first))).isEqualTo(InvalidTokenException.JWKS_UNAVAILABLE);
	}

	@Test
	@DisplayName("RS-19: a JWK set that is not JSON fails closed as jwks_unavailable")
	void unparseableKeySet() {
		this.server.route(JWKS, (request) -> new TestAuthorizationServer.Reply(200, "<html>login</html>"));
		assertThat(reason(builder().build(), token(this.first))).isEqualTo(InvalidTokenException.JWKS_UNAVAILABLE);
	}

}
