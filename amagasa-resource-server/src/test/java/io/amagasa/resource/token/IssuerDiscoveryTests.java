package io.amagasa.resource.token;

import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Several trusted issuers at once, and JWK sets found through issuer metadata (RFC 8414, OIDC Discovery). */
class IssuerDiscoveryTests {

	static final String RESOURCE = "https://mcp.example.com/mcp";

	TestAuthorizationServer server;

	@BeforeEach
	void start() {
		this.server = TestAuthorizationServer.start();
	}

	@AfterEach
	void stop() {
		this.server.close();
	}

	static String reason(AccessTokenVerifier verifier, String token) {
		return assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> verifier.verify(token))
			.actual()
			.reason();
	}

	TrustedIssuer discovered(String issuer) {
		return new TrustedIssuer(issuer, null, List.of(RESOURCE), true, null);
	}

	@Test
	@DisplayName("RFC 8414 §3.1: metadata at the path-inserted well-known URL gives the JWK set, fetched lazily once")
	void rfc8414PathInsertion() {
		String issuer = this.server.baseUrl() + "/tenant1";
		RSAKey key = TestTokens.rsaKey("k1");
		this.server.json("/.well-known/oauth-authorization-server/tenant1",
				Map.of("issuer", issuer, "jwks_uri", this.server.baseUrl() + "/tenant1/keys"));
		this.server.publishKeys("/tenant1/keys", key);
		AccessTokenVerifier verifier = AccessTokenVerifierBuilder.create().trustedIssuer(discovered(issuer)).build();
		assertThat(this.server.totalHits()).isZero();
		String token = TestTokens.sign(key, TestTokens.claims(issuer, RESOURCE).build());
		assertThat(verifier.verify(token).issuer()).isEqualTo(issuer);
		assertThat(verifier.verify(TestTokens.sign(key, TestTokens.claims(issuer, RESOURCE).build())).issuer())
			.isEqualTo(issuer);
		assertThat(this.server.hits("/.well-known/oauth-authorization-server/tenant1")).isEqualTo(1);
		assertThat(this.server.hits("/tenant1/keys")).isEqualTo(1);
	}

	@Test
	@DisplayName("OIDC Discovery §4 is tried when there is no RFC 8414 metadata")
	void openIdConfigurationFallback() {
		String issuer = this.server.baseUrl();
		ECKey key = TestTokens.ecKey("e1");
		this.server.json("/.well-known/openid-configuration",
				Map.of("issuer", issuer, "jwks_uri", this.server.baseUrl() + "/oidc/jwks"));
		this.server.publishKeys("/oidc/jwks", key);
		AccessTokenVerifier verifier = AccessTokenVerifierBuilder.create().trustedIssuer(discovered(issuer)).build();
		assertThat(verifier.verify(TestTokens.sign(key, TestTokens.claims(issuer, RESOURCE).build())).issuer())
			.isEqualTo(issuer);
		assertThat(this.server.hits("/.well-known/oauth-authorization-server")).isEqualTo(1);
		assertThat(this.server.hits("/.well-known/openid-configuration")).isEqualTo(1);
	}

	@Test
	@DisplayName("RFC 8414 §3.3: metadata naming another issuer is not used")
	void metadataIssuerMismatch() {
		String issuer = this.server.baseUrl();
		RSAKey key = TestTokens.rsaKey("k1");
		this.server.json("/.well-known/oauth-authorization-server",
				Map.of("issuer", issuer + "/", "jwks_uri", this.server.baseUrl() + "/keys"));
		this.server.publishKeys("/keys", key);
		AccessTokenVerifier verifier = AccessTokenVerifierBuilder.create().trustedIssuer(discovered(issuer)).build();
		assertThat(reason(verifier, TestTokens.sign(key, TestTokens.claims(issuer, RESOURCE).build())))
			.isEqualTo(InvalidTokenException.JWKS_UNAVAILABLE);
		assertThat(this.server.hits("/keys")).isZero();
	}

	@Test
	@DisplayName("RS-27: a discovered jwks_uri over plain http off loopback is refused")
	void insecureDiscoveredJwkSetUri() {
		String issuer = this.server.baseUrl();
		RSAKey key = TestTokens.rsaKey("k1");
		this.server.json("/.well-known/oauth-authorization-server",
				Map.of("issuer", issuer, "jwks_uri", "http://keys.example.com/jwks"));
		AccessTokenVerifier verifier = AccessTokenVerifierBuilder.create().trustedIssuer(discovered(issuer)).build();
		assertThat(reason(verifier, TestTokens.sign(key, TestTokens.claims(issuer, RESOURCE).build())))
			.isEqualTo(InvalidTokenException.JWKS_UNAVAILABLE);
	}

	@Test
	@DisplayName("RS-19/RS-20: two issuers at once, each token checked against its own issuer's keys and audiences")
	void twoIssuers() {
		String first = this.server.baseUrl() + "/a";
		String second = this.server.baseUrl() + "/b";
		RSAKey firstKey = TestTokens.rsaKey("a-key");
		ECKey secondKey = TestTokens.ecKey("b-key");
		this.server.publishKeys("/a/jwks", firstKey);
		this.server.publishKeys("/b/jwks", secondKey);
		AccessTokenVerifier verifier = AccessTokenVerifierBuilder.create()
			.trustedIssuers(List.of(new TrustedIssuer(first, this.server.uri("/a/jwks"), List.of(RESOURCE), true, null),
					new TrustedIssuer(second, this.server.uri("/b/jwks"), List.of("https://alias.example.com/mcp"), true,
							null)))
			.build();
		assertThat(verifier.verify(TestTokens.sign(firstKey, TestTokens.claims(first, RESOURCE).build())).issuer())
			.isEqualTo(first);
		assertThat(verifier
			.verify(TestTokens.sign(secondKey, TestTokens.claims(second, "https://alias.example.com/mcp").build()))
			.issuer()).isEqualTo(second);
		assertThat(reason(verifier, TestTokens.sign(secondKey, TestTokens.claims(second, RESOURCE).build())))
			.isEqualTo(InvalidTokenException.AUDIENCE_MISMATCH);
		assertThat(reason(verifier, TestTokens.sign(firstKey, TestTokens.claims(second, "https://alias.example.com/mcp").build())))
			.isEqualTo(InvalidTokenException.UNKNOWN_KEY);
	}

}
