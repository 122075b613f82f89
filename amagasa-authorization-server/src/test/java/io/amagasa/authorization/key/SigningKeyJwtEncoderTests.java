package io.amagasa.authorization.key;

import java.net.URL;
import java.security.Provider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;
import io.amagasa.authorization.AuthorizationServerProperties.SignatureProvider;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtEncodingException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The token encoder with each signature provider: what it signs verifies with the JDK and decodes with
 * Spring's resource-server decoder, with the RFC 9068 header and NumericDate claims; a header it could not
 * honour is refused, never dropped.
 */
class SigningKeyJwtEncoderTests {

	private static SigningKeys keys;

	@BeforeAll
	static void keys() {
		DataSource dataSource = new DriverManagerDataSource("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		Flyway.configure().dataSource(dataSource).locations("classpath:db/amagasa").load().migrate();
		keys = new SigningKeys(new JdbcTemplate(dataSource), Clock.systemUTC(), Duration.ofDays(30),
				Duration.ofMinutes(15), Duration.ofMinutes(20));
		keys.afterPropertiesSet();
	}

	static Stream<Arguments> providers() {
		return Stream.of(Arguments.of("jdk", Optional.empty()),
				Arguments.of("auto", SignatureProviderSelection.select(SignatureProvider.AUTO)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("providers")
	void signsAnAccessTokenThatTheJdkVerifiesAndSpringDecodes(String name, Optional<Provider> provider)
			throws Exception {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		JwtClaimsSet claims = JwtClaimsSet.builder()
			.issuer("http://localhost:8080")
			.subject("alice")
			.audience(List.of("http://localhost:8080/mcp"))
			.issuedAt(now)
			.notBefore(now)
			.expiresAt(now.plusSeconds(300))
			.id("jti-1")
			.claim("client_id", "cli")
			.claim("scope", "weather.read")
			.build();
		Jwt jwt = new SigningKeyJwtEncoder(keys, provider)
			.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).type("at+jwt").build(), claims));

		RSAKey active = keys.activeSigningKey();
		SignedJWT signed = SignedJWT.parse(jwt.getTokenValue());
		assertThat(signed.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
		assertThat(signed.getHeader().getKeyID()).isEqualTo(active.getKeyID());
		assertThat(signed.getHeader().getType().getType()).isEqualTo("at+jwt");
		assertThat(signed.getHeader().toJSONObject()).containsOnlyKeys("alg", "kid", "typ");
		assertThat(signed.verify(new RSASSAVerifier(active.toRSAPublicKey()))).isTrue();

		Map<String, Object> payload = JSONObjectUtils.parse(signed.getPayload().toString());
		assertThat(payload).containsEntry("exp", now.getEpochSecond() + 300)
			.containsEntry("iat", now.getEpochSecond())
			.containsEntry("nbf", now.getEpochSecond())
			.containsEntry("iss", "http://localhost:8080")
			.containsEntry("client_id", "cli");

		NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(active.toRSAPublicKey()).build();
		decoder.setJwtValidator(JwtValidators.createAtJwtValidator()
			.issuer("http://localhost:8080")
			.audience("http://localhost:8080/mcp")
			.clientId("cli")
			.build());
		Jwt decoded = decoder.decode(jwt.getTokenValue());
		// the decoder reads 'iss' as a URL
		Map<String, Object> decodedClaims = new HashMap<>(decoded.getClaims());
		Map<String, Object> encodedClaims = new HashMap<>(jwt.getClaims());
		assertThat(decodedClaims.remove("iss")).hasToString(encodedClaims.remove("iss").toString());
		assertThat(decodedClaims).isEqualTo(encodedClaims);
		assertThat(jwt.getHeaders()).containsEntry("kid", active.getKeyID()).containsEntry("typ", "at+jwt");
		assertThat(jwt.getExpiresAt()).isEqualTo(now.plusSeconds(300));
	}

	@Test
	void anIssuerGivenAsUrlIsSignedAsAString() throws Exception {
		Jwt jwt = encoder().encode(JwtEncoderParameters
			.from(JwtClaimsSet.builder().claim("iss", new URL("https://as.example.com/tenant")).subject("bob").build()));

		assertThat(SignedJWT.parse(jwt.getTokenValue()).getJWTClaimsSet().getIssuer())
			.isEqualTo("https://as.example.com/tenant");
	}

	@Test
	void aHeaderParameterItWouldDropIsRefused() {
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).jwkSetUrl("https://as.example.com/jwks").build();

		assertThatThrownBy(() -> encoder().encode(JwtEncoderParameters.from(header, claims())))
			.isInstanceOf(JwtEncodingException.class)
			.hasMessageContaining("'jku' is not supported");
	}

	@Test
	void anotherAlgorithmIsRefused() {
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.ES256).build();

		assertThatThrownBy(() -> encoder().encode(JwtEncoderParameters.from(header, claims())))
			.isInstanceOf(JwtEncodingException.class)
			.hasMessageContaining("cannot sign with ES256");
	}

	@Test
	void anotherKeyIdIsRefused() {
		JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId("retired-key").build();

		assertThatThrownBy(() -> encoder().encode(JwtEncoderParameters.from(header, claims())))
			.isInstanceOf(JwtEncodingException.class)
			.hasMessageContaining("Key retired-key was asked for");
	}

	@Test
	void theJdkIsChosenWhenConfigured() {
		assertThat(SignatureProviderSelection.select(SignatureProvider.JDK)).isEmpty();
	}

	@Test
	void awsLcSignsOnLinuxX86_64() {
		assumeTrue(System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64"),
				"Amazon Corretto Crypto Provider is packaged here for Linux on x86-64 only");

		assertThat(SignatureProviderSelection.select(SignatureProvider.AUTO)).map(Provider::getName)
			.contains("AmazonCorrettoCryptoProvider");
		assertThat(SignatureProviderSelection.select(SignatureProvider.NATIVE)).map(Provider::getName)
			.contains("AmazonCorrettoCryptoProvider");
	}

	private static SigningKeyJwtEncoder encoder() {
		return new SigningKeyJwtEncoder(keys, Optional.empty());
	}

	private static JwtClaimsSet claims() {
		return JwtClaimsSet.builder().subject("alice").build();
	}

}
