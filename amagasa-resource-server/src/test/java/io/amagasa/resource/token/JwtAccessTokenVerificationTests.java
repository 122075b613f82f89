package io.amagasa.resource.token;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** JWT access tokens of trusted issuers: RS-19 validation, RS-20/RS-22 audience, RFC 9068 typ. */
class JwtAccessTokenVerificationTests {

	static final String RESOURCE = "https://mcp.example.com/mcp";

	static TestAuthorizationServer server;

	static RSAKey rsa;

	static ECKey ec;

	static String rsaIssuer;

	static String ecIssuer;

	@BeforeAll
	static void startAuthorizationServer() {
		server = TestAuthorizationServer.start();
		rsa = TestTokens.rsaKey("rsa-1");
		ec = TestTokens.ecKey("ec-1");
		rsaIssuer = server.baseUrl() + "/rsa";
		ecIssuer = server.baseUrl() + "/ec";
		server.publishKeys("/rsa/jwks", rsa);
		server.publishKeys("/ec/jwks", ec);
	}

	@AfterAll
	static void stopAuthorizationServer() {
		server.close();
	}

	static AccessTokenVerifierBuilder builder() {
		return AccessTokenVerifierBuilder.create()
			.trustedIssuer(new TrustedIssuer(rsaIssuer, server.uri("/rsa/jwks"), List.of(RESOURCE), false, null))
			.trustedIssuer(new TrustedIssuer(ecIssuer, server.uri("/ec/jwks"), List.of(RESOURCE), true, null));
	}

	static AccessTokenVerifier verifier() {
		return builder().build();
	}

	static JWTClaimsSet.Builder rsaClaims() {
		return TestTokens.claims(rsaIssuer, RESOURCE);
	}

	static void assertRejected(AccessTokenVerifier verifier, String token, String reason) {
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> verifier.verify(token))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(reason));
	}

	@Test
	@DisplayName("RS-19: a valid RS256 token becomes a caller with scopes and client id")
	void validRsaToken() {
		Caller caller = verifier().verify(TestTokens.sign(rsa, rsaClaims().build()));
		assertThat(caller.issuer()).isEqualTo(rsaIssuer);
		assertThat(caller.subject()).isEqualTo("alice");
		assertThat(caller.clientId()).isEqualTo("mcp-client");
		assertThat(caller.scopes()).containsExactlyInAnyOrder("weather:read", "alerts:read");
		assertThat(caller.roles()).isEmpty();
		assertThat(caller.tenantId()).isNull();
		assertThat(caller.expiresAt()).isAfter(Instant.now());
		assertThat(caller.claims()).containsEntry("sub", "alice").containsKey("exp");
		assertThat(caller.claims().get("exp")).isInstanceOf(Instant.class);
	}

	@Test
	@DisplayName("RS-19: a valid ES256 token with typ at+jwt is accepted")
	void validEcToken() {
		Caller caller = verifier().verify(TestTokens.sign(ec, TestTokens.claims(ecIssuer, RESOURCE).build()));
		assertThat(caller.issuer()).isEqualTo(ecIssuer);
	}

	@Test
	@DisplayName("scp as a string or an array, roles as an array, azp when client_id is absent")
	void scpRolesAndAzp() {
		JWTClaimsSet claims = rsaClaims().claim("scope", null)
			.claim("client_id", null)
			.claim("scp", List.of("files:read", "files:write"))
			.claim("roles", List.of("admin"))
			.claim("azp", "azp-client")
			.build();
		Caller caller = verifier().verify(TestTokens.sign(rsa, claims));
		assertThat(caller.scopes()).containsExactlyInAnyOrder("files:read", "files:write");
		assertThat(caller.roles()).containsExactly("admin");
		assertThat(caller.clientId()).isEqualTo("azp-client");
		Caller stringScp = verifier().verify(TestTokens.sign(rsa, rsaClaims().claim("scope", null)
			.claim("scp", "a b")
			.build()));
		assertThat(stringScp.scopes()).containsExactlyInAnyOrder("a", "b");
	}

	@Test
	@DisplayName("RS-20: a token for another resource is refused")
	void wrongAudience() {
		assertRejected(verifier(), TestTokens.sign(rsa, rsaClaims().audience("https://other.example.com/mcp").build()),
				InvalidTokenException.AUDIENCE_MISMATCH);
	}

	@Test
	@DisplayName("RS-20: a token without aud is refused as missing_audience")
	void missingAudience() {
		assertRejected(verifier(), TestTokens.sign(rsa, rsaClaims().audience((String) null).build()),
				InvalidTokenException.MISSING_AUDIENCE);
	}

	@Test
	@DisplayName("RS-20: aud as an array is accepted when one entry is ours")
	void audienceArray() {
		String token = TestTokens.sign(rsa, rsaClaims().audience(List.of("https://other.example.com", RESOURCE)).build());
		assertThat(verifier().verify(token).subject()).isEqualTo("alice");
	}

	@Test
	@DisplayName("RS-22: aud with upper-case scheme and host is accepted")
	void audienceUpperCaseSchemeAndHost() {
		String token = TestTokens.sign(rsa, rsaClaims().audience("HTTPS://MCP.Example.COM/mcp").build());
		assertThat(verifier().verify(token).subject()).isEqualTo("alice");
	}

	@ParameterizedTest(name = "RS-22: aud {0} is not ours")
	@ValueSource(strings = { "https://mcp.example.com/mcp/", "https://mcp.example.com/MCP", "https://mcp.example.com:443/mcp",
			"https://mcp.example.com/mcp#x", "https://mcp.example.com" })
	void audienceToleratesNothingElse(String audience) {
		assertRejected(verifier(), TestTokens.sign(rsa, rsaClaims().audience(audience).build()),
				InvalidTokenException.AUDIENCE_MISMATCH);
	}

	@Test
	@DisplayName("RS-20: an untrusted iss is refused without any network call")
	void untrustedIssuer() {
		int before = server.totalHits();
		String token = TestTokens.sign(rsa, TestTokens.claims("https://evil.example.com", RESOURCE).build());
		assertRejected(verifier(), token, InvalidTokenException.UNTRUSTED_ISSUER);
		assertRejected(verifier(), TestTokens.sign(rsa, rsaClaims().issuer(rsaIssuer + "/").build()),
				InvalidTokenException.UNTRUSTED_ISSUER);
		assertThat(server.totalHits()).isEqualTo(before);
	}

	@Test
	@DisplayName("RS-19: a token signed by a trusted issuer's key but naming another trusted issuer fails its signature")
	void issuerKeysAreNotShared() {
		String token = TestTokens.sign(rsa,
				TestTokens.header(rsa).keyID("ec-1").type(new JOSEObjectType("at+jwt")).build(),
				TestTokens.claims(ecIssuer, RESOURCE).build());
		assertRejected(verifier(), token, InvalidTokenException.UNKNOWN_KEY);
	}

	@Test
	@DisplayName("RS-19: an expired token is refused")
	void expired() {
		Instant past = Instant.now().minusSeconds(120);
		assertRejected(verifier(), TestTokens.sign(rsa, rsaClaims().expirationTime(Date.from(past)).build()),
				InvalidTokenException.EXPIRED);
	}

	@Test
	@DisplayName("RS-19: a token without exp is refused")
	void noExpiry() {
		assertRejected(verifier(), TestTokens.sign(rsa, rsaClaims().expirationTime(null).build()),
				InvalidTokenException.MALFORMED);
	}

	@Test
	@DisplayName("RS-19: a token whose nbf is ahead is refused as not_yet_valid")
	void notYetValid() {
		Instant future = Instant.now().plusSeconds(120);
		assertRejected(verifier(), TestTokens.sign(rsa, rsaClaims().notBeforeTime(Date.from(future)).build()),
				InvalidTokenException.NOT_YET_VALID);
	}

	@Test
	@DisplayName("RS-19: exp and nbf within the clock skew are accepted")
	void withinSkew() {
		Instant now = Instant.now();
		String token = TestTokens.sign(rsa, rsaClaims().expirationTime(Date.from(now.minusSeconds(10)))
			.notBeforeTime(Date.from(now.plusSeconds(10)))
			.build());
		assertThat(verifier().verify(token).subject()).isEqualTo("alice");
		assertRejected(builder().clockSkew(Duration.ZERO).build(), token, InvalidTokenException.EXPIRED);
	}

	@Test
	@DisplayName("RS-19: alg none is refused")
	void algNone() {
		int before = server.totalHits();
		String token = new PlainJWT(rsaClaims().build()).serialize();
		assertRejected(verifier(), token, InvalidTokenException.UNSUPPORTED_ALGORITHM);
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> verifier().verify(token + "c2ln"));
		assertThat(server.totalHits()).isEqualTo(before);
	}

	@Test
	@DisplayName("RS-19: HS256 MAC'd with the issuer's public key (algorithm confusion) is refused")
	void hmacWithPublicKey() throws Exception {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(),
				rsaClaims().build());
		jwt.sign(new MACSigner(rsa.toRSAPublicKey().getEncoded()));
		int before = server.hits("/rsa/jwks");
		assertRejected(verifier(), jwt.serialize(), InvalidTokenException.UNSUPPORTED_ALGORITHM);
		assertThat(server.hits("/rsa/jwks")).isEqualTo(before);
	}

	@Test
	@DisplayName("RS-19: a tampered payload fails the signature")
	void badSignature() {
		String token = TestTokens.sign(rsa, rsaClaims().build());
		String[] parts = token.split("\\.");
		String forged = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(rsaClaims().subject("mallory").build().toString().getBytes(StandardCharsets.UTF_8));
		assertRejected(verifier(), parts[0] + "." + forged + "." + parts[2], InvalidTokenException.BAD_SIGNATURE);
	}

	@Test
	@DisplayName("RS-19: a token signed by a stranger's key with a known kid fails the signature")
	void strangerKey() {
		RSAKey stranger = TestTokens.rsaKey("rsa-1");
		assertRejected(verifier(), TestTokens.sign(stranger, rsaClaims().build()), InvalidTokenException.BAD_SIGNATURE);
	}

	@Test
	@DisplayName("RFC 8725 §3.2: keys and key URLs in the token's own header (jwk, jku, x5u) are never used or fetched")
	void headerKeysAreIgnored() {
		RSAKey stranger = TestTokens.rsaKey("rsa-1");
		server.publishKeys("/stranger/jwks", stranger);
		JWSHeader header = TestTokens.header(stranger)
			.type(new JOSEObjectType("at+jwt"))
			.jwk(stranger.toPublicJWK())
			.jwkURL(server.uri("/stranger/jwks"))
			.x509CertURL(server.uri("/stranger/x5u"))
			.build();
		assertRejected(verifier(), TestTokens.sign(stranger, header, rsaClaims().build()),
				InvalidTokenException.BAD_SIGNATURE);
		assertThat(server.hits("/stranger/jwks") + server.hits("/stranger/x5u")).isZero();
	}

	@Test
	@DisplayName("RFC 7515 §4.1.11: a token whose header lists critical extensions is refused as such, not as forged")
	void criticalHeader() {
		JWSHeader header = TestTokens.header(rsa)
			.type(new JOSEObjectType("at+jwt"))
			.criticalParams(Set.of("urn:example:ext"))
			.customParam("urn:example:ext", true)
			.build();
		String token = TestTokens.sign(rsa, header, rsaClaims().build());
		assertRejected(verifier(), token, InvalidTokenException.UNSUPPORTED_CRITICAL_HEADER);
	}

	@Test
	@DisplayName("An encrypted token (JWE) is refused as malformed, with a description that says it is a JWE")
	void encryptedToken() throws Exception {
		EncryptedJWT jwe = new EncryptedJWT(new JWEHeader(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM),
				rsaClaims().build());
		jwe.encrypt(new RSAEncrypter(rsa.toRSAPublicKey()));
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> verifier().verify(jwe.serialize()))
			.satisfies((ex) -> {
				assertThat(ex.reason()).isEqualTo(InvalidTokenException.MALFORMED);
				assertThat(ex.description()).isEqualTo("Encrypted access tokens (JWE) are not accepted");
			});
	}

	@Test
	@DisplayName("RFC 9068: typ at+jwt is required when configured")
	void typRequired() {
		JWTClaimsSet claims = TestTokens.claims(ecIssuer, RESOURCE).build();
		assertRejected(verifier(), TestTokens.sign(ec, TestTokens.header(ec).type(JOSEObjectType.JWT).build(), claims),
				InvalidTokenException.WRONG_TYPE);
		assertRejected(verifier(), TestTokens.sign(ec, TestTokens.header(ec).build(), claims),
				InvalidTokenException.WRONG_TYPE);
		String fullMediaType = TestTokens.sign(ec,
				TestTokens.header(ec).type(new JOSEObjectType("application/AT+JWT")).build(), claims);
		assertThat(verifier().verify(fullMediaType).issuer()).isEqualTo(ecIssuer);
	}

	@Test
	@DisplayName("RFC 8725 §3.11: without the at+jwt requirement, JWT or no typ pass and other JWT kinds do not")
	void typNotRequired() {
		JWTClaimsSet claims = rsaClaims().build();
		assertThat(verifier().verify(TestTokens.sign(rsa, TestTokens.header(rsa).type(JOSEObjectType.JWT).build(), claims))
			.subject()).isEqualTo("alice");
		assertThat(verifier().verify(TestTokens.sign(rsa, TestTokens.header(rsa).build(), claims)).subject())
			.isEqualTo("alice");
		assertRejected(verifier(),
				TestTokens.sign(rsa, TestTokens.header(rsa).type(new JOSEObjectType("dpop+jwt")).build(), claims),
				InvalidTokenException.WRONG_TYPE);
	}

	@Test
	@DisplayName("A token longer than the maximum is refused as too_large before parsing")
	void tooLarge() {
		String token = TestTokens.sign(rsa, rsaClaims().claim("padding", "x".repeat(20_000)).build());
		assertRejected(verifier(), token, InvalidTokenException.TOO_LARGE);
		assertThat(builder().maxTokenSize(64 * 1024).build().verify(token).subject()).isEqualTo("alice");
	}

	@ParameterizedTest(name = "malformed token ''{0}''")
	@ValueSource(strings = { "", "abc", "a.b", "a.b.c", "a.b.c.d", "eyJhbGciOiJSUzI1NiJ9.e30", "eyJ@.e30.sig",
			"eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln", "Zm9v.Zm9v.Zm9v", "a..b", ".." })
	@DisplayName("Malformed token strings are refused as malformed")
	void malformed(String token) {
		assertRejected(verifier(), token, InvalidTokenException.MALFORMED);
	}

	@Test
	@DisplayName("A warm cache hit returns the same caller without verifying again, for that very token only")
	void validatedTokenCache() {
		AccessTokenVerifier verifier = verifier();
		String token = TestTokens.sign(rsa, rsaClaims().build());
		Caller first = verifier.verify(token);
		int fetches = server.hits("/rsa/jwks");
		assertThat(verifier.verify(token)).isSameAs(first);
		assertThat(server.hits("/rsa/jwks")).isEqualTo(fetches);

		// The key is hashed on samples of the token (the middle and the end) but compared whole: a token with
		// one character of its payload changed before those samples hashes alike and is verified (and
		// refused) on its own.
		int changed = token.indexOf('.') + 5;
		char replacement = (token.charAt(changed) == 'A') ? 'B' : 'A';
		String forged = token.substring(0, changed) + replacement + token.substring(changed + 1);
		assertThat(new ValidatedTokenCache.TokenKey(forged)).hasSameHashCodeAs(new ValidatedTokenCache.TokenKey(token))
			.isNotEqualTo(new ValidatedTokenCache.TokenKey(token));
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> verifier.verify(forged));

		AccessTokenVerifier uncached = builder().validatedTokenCacheSize(0).build();
		Caller once = uncached.verify(token);
		assertThat(uncached.verify(token)).isNotSameAs(once).isEqualTo(once);
	}

	@Test
	@DisplayName("A cached caller never outlives its token's exp")
	void cacheHonoursExpiry() {
		MutableClock clock = new MutableClock();
		AccessTokenVerifier verifier = builder().clock(clock).clockSkew(Duration.ZERO).build();
		String token = TestTokens.sign(rsa, rsaClaims().expirationTime(Date.from(clock.instant().plusSeconds(60))).build());
		Caller caller = verifier.verify(token);
		clock.advance(Duration.ofSeconds(59));
		assertThat(verifier.verify(token)).isSameAs(caller);
		clock.advance(Duration.ofSeconds(2));
		assertRejected(verifier, token, InvalidTokenException.EXPIRED);
	}

	@Test
	@DisplayName("A bad token is never cached: the same string is refused each time")
	void refusalsAreNotCached() {
		AccessTokenVerifier verifier = verifier();
		String token = TestTokens.sign(rsa, rsaClaims().audience("https://other.example.com").build());
		assertRejected(verifier, token, InvalidTokenException.AUDIENCE_MISMATCH);
		assertRejected(verifier, token, InvalidTokenException.AUDIENCE_MISMATCH);
	}

}
