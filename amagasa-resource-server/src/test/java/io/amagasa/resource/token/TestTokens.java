package io.amagasa.resource.token;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** Real keys and real signatures for tests. */
final class TestTokens {

	private TestTokens() {
	}

	static RSAKey rsaKey(String keyId) {
		try {
			return new RSAKeyGenerator(2048).keyID(keyId).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	static ECKey ecKey(String keyId) {
		return ecKey(Curve.P_256, keyId);
	}

	static ECKey ecKey(Curve curve, String keyId) {
		try {
			return new ECKeyGenerator(curve).keyID(keyId).generate();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Claims of a valid access token: five minutes left. */
	static JWTClaimsSet.Builder claims(String issuer, String audience) {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer(issuer)
			.audience(audience)
			.subject("alice")
			.claim("client_id", "mcp-client")
			.claim("scope", "weather:read alerts:read")
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(300)));
	}

	/** Signs with the key's natural algorithm (RS256 or ES256), its kid, and {@code typ} at+jwt. */
	static String sign(JWK key, JWTClaimsSet claims) {
		return sign(key, header(key).type(new JOSEObjectType("at+jwt")).build(), claims);
	}

	static JWSHeader.Builder header(JWK key) {
		JWSAlgorithm algorithm = KeyType.RSA.equals(key.getKeyType()) ? JWSAlgorithm.RS256 : JWSAlgorithm.ES256;
		return new JWSHeader.Builder(algorithm).keyID(key.getKeyID());
	}

	static String sign(JWK key, JWSHeader header, JWTClaimsSet claims) {
		try {
			SignedJWT jwt = new SignedJWT(header, claims);
			jwt.sign(new DefaultJWSSignerFactory().createJWSSigner(key, header.getAlgorithm()));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A claim set from src/test/resources/token, with {@code iat}/{@code nbf} set to now and
	 * {@code exp} an hour later, the other claims as published.
	 */
	static JWTClaimsSet fixture(String name, Map<String, Object> overrides) {
		try (InputStream in = TestTokens.class.getResourceAsStream("/token/" + name)) {
			JWTClaimsSet published = JWTClaimsSet.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
			Instant now = Instant.now();
			JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder(published).issueTime(Date.from(now))
				.notBeforeTime(Date.from(now))
				.expirationTime(Date.from(now.plusSeconds(3600)));
			overrides.forEach(builder::claim);
			return builder.build();
		}
		catch (IOException | ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
