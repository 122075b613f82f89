package io.amagasa.resource.token;

import java.security.Provider;
import java.util.List;
import java.util.stream.Stream;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jca.JCAAware;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Signatures checked by another JCA provider (Amazon Corretto Crypto Provider, AWS-LC): every accepted
 * algorithm still verifies and a forged signature still fails; an algorithm the provider lacks falls back
 * to the JDK's rather than failing the token.
 */
class SignatureProviderTests {

	static final String RESOURCE = "https://mcp.example.com/mcp";

	static final Provider ACCP = AmazonCorrettoCryptoProvider.INSTANCE;

	static TestAuthorizationServer server;

	static final JWK RSA = TestTokens.rsaKey("rsa");

	static final JWK P256 = TestTokens.ecKey("p256");

	static final JWK P384 = TestTokens.ecKey(Curve.P_384, "p384");

	static final JWK P521 = TestTokens.ecKey(Curve.P_521, "p521");

	@BeforeAll
	static void startAuthorizationServer() {
		server = TestAuthorizationServer.start();
		server.publishKeys("/jwks", RSA, P256, P384, P521);
	}

	@AfterAll
	static void stopAuthorizationServer() {
		server.close();
	}

	static Stream<Arguments> algorithms() {
		return Stream.of(Arguments.of(JWSAlgorithm.RS256, RSA), Arguments.of(JWSAlgorithm.RS384, RSA),
				Arguments.of(JWSAlgorithm.RS512, RSA), Arguments.of(JWSAlgorithm.PS256, RSA),
				Arguments.of(JWSAlgorithm.PS384, RSA), Arguments.of(JWSAlgorithm.PS512, RSA),
				Arguments.of(JWSAlgorithm.ES256, P256), Arguments.of(JWSAlgorithm.ES384, P384),
				Arguments.of(JWSAlgorithm.ES512, P521));
	}

	@ParameterizedTest
	@MethodSource("algorithms")
	@DisplayName("RS-19: with AWS-LC, each accepted algorithm verifies, and a forged signature fails")
	void everyAlgorithmVerifiesWithTheChosenProvider(JWSAlgorithm algorithm, JWK key) {
		assumeTrue(AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError() == null, "AWS-LC loads on Linux x86-64 only");
		AccessTokenVerifier verifier = verifier(ACCP);
		String token = token(algorithm, key);

		assertThat(verifier.verify(token).subject()).isEqualTo("alice");
		assertThatExceptionOfType(InvalidTokenException.class).isThrownBy(() -> verifier.verify(forged(token)))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(InvalidTokenException.BAD_SIGNATURE));
	}

	@Test
	@DisplayName("The chosen provider computes every algorithm it has")
	void theChosenProviderComputes() throws Exception {
		assumeTrue(AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError() == null, "AWS-LC loads on Linux x86-64 only");
		SignatureVerifierFactory factory = new SignatureVerifierFactory(ACCP, SignedJwtVerifier.ASYMMETRIC);

		assertThat(factory.chosenAlgorithms()).isEqualTo(SignedJwtVerifier.ASYMMETRIC);
		JWSVerifier verifier = factory.createJWSVerifier(new JWSHeader(JWSAlgorithm.ES256), P256.toECKey().toPublicKey());
		assertThat(jca(verifier).getProvider()).isSameAs(ACCP);
	}

	@Test
	@DisplayName("A provider without an algorithm leaves it to the JDK's: the token is not refused for it")
	void aMissingAlgorithmFallsBackToTheJdk() throws Exception {
		Provider empty = new Provider("Empty", "1", "has no signature algorithms") {
		};
		SignatureVerifierFactory factory = new SignatureVerifierFactory(empty, SignedJwtVerifier.ASYMMETRIC);

		assertThat(factory.chosenAlgorithms()).isEmpty();
		JWSVerifier verifier = factory.createJWSVerifier(new JWSHeader(JWSAlgorithm.RS256), RSA.toRSAKey().toPublicKey());
		assertThat(jca(verifier).getProvider()).isNull();
		assertThat(verifier(empty).verify(token(JWSAlgorithm.ES256, P256)).subject()).isEqualTo("alice");
	}

	static AccessTokenVerifier verifier(Provider provider) {
		return AccessTokenVerifierBuilder.create()
			.trustedIssuer(new TrustedIssuer(server.baseUrl(), server.uri("/jwks"), List.of(RESOURCE), true, null))
			.signatureProvider(provider)
			.build();
	}

	static String token(JWSAlgorithm algorithm, JWK key) {
		return TestTokens.sign(key,
				new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).type(new JOSEObjectType("at+jwt")).build(),
				TestTokens.claims(server.baseUrl(), RESOURCE).build());
	}

	/** The same token with one signature character changed. */
	static String forged(String token) {
		int last = token.length() - 2;
		char replaced = token.charAt(last) == 'A' ? 'B' : 'A';
		return token.substring(0, last) + replaced + token.substring(last + 1);
	}

	private static JCAContext jca(JWSVerifier verifier) {
		return ((JCAAware<?>) verifier).getJCAContext();
	}

}
