package io.amagasa.authorization.key;

import java.net.URL;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimNames;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JoseHeaderNames;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtEncodingException;

/**
 * Encodes the authorization server's JWTs (access tokens, RFC 9068; ID tokens) as JWS compact serializations
 * (RFC 7515 §7.1), RS256 with the active key of {@link SigningKeys}, its {@code kid} in the header. The JOSE
 * work is Nimbus's; this class exists because Spring's {@code NimbusJwtEncoder} makes its signers with a
 * static factory on the JDK's default providers, and signing is where a token grant spends its time: here
 * the signer gets the provider {@link SignatureProviderSelection} chose. It takes the header parameters
 * Spring Authorization Server sets ({@code alg}, {@code typ}, {@code cty}) and refuses any other, rather
 * than drop one silently.
 */
public final class SigningKeyJwtEncoder implements JwtEncoder {

	private static final JwsHeader DEFAULT_HEADER = JwsHeader.with(SignatureAlgorithm.RS256).build();

	private static final Set<String> HEADER_PARAMETERS = Set.of(JoseHeaderNames.ALG, JoseHeaderNames.TYP,
			JoseHeaderNames.CTY, JoseHeaderNames.KID);

	/** The claims RFC 7519 §4.1 defines as NumericDate: Spring holds them as {@link Instant}, Nimbus as Date. */
	private static final Set<String> DATE_CLAIMS = Set.of(JWTClaimNames.EXPIRATION_TIME, JWTClaimNames.NOT_BEFORE,
			JWTClaimNames.ISSUED_AT);

	private final SigningKeys keys;

	private final Provider provider;

	private volatile KeySigner signer;

	/**
	 * @param provider the JCA provider that computes signatures; empty: the JDK's
	 */
	public SigningKeyJwtEncoder(SigningKeys keys, Optional<Provider> provider) {
		this.keys = keys;
		this.provider = provider.orElse(null);
	}

	@Override
	public Jwt encode(JwtEncoderParameters parameters) throws JwtEncodingException {
		RSAKey key = this.keys.activeSigningKey();
		JwsHeader requested = (parameters.getJwsHeader() != null) ? parameters.getJwsHeader() : DEFAULT_HEADER;
		JwsHeader headers = JwsHeader.from(requested).keyId(key.getKeyID()).build();
		JwtClaimsSet claims = parameters.getClaims();
		SignedJWT jwt = new SignedJWT(jwsHeader(requested, key.getKeyID()), claimsSet(claims));
		try {
			jwt.sign(signer(key));
		}
		catch (JOSEException ex) {
			throw new JwtEncodingException("Cannot sign the JWT with key " + key.getKeyID() + ": " + ex.getMessage(),
					ex);
		}
		return new Jwt(jwt.serialize(), claims.getIssuedAt(), claims.getExpiresAt(), headers.getHeaders(),
				claims.getClaims());
	}

	private static JWSHeader jwsHeader(JwsHeader requested, String kid) {
		for (String name : requested.getHeaders().keySet()) {
			if (!HEADER_PARAMETERS.contains(name)) {
				throw new JwtEncodingException("The JOSE header parameter '" + name + "' is not supported");
			}
		}
		if (requested.getAlgorithm() != SignatureAlgorithm.RS256) {
			throw new JwtEncodingException(
					"The signing keys are RS256 keys; cannot sign with " + requested.getAlgorithm().getName());
		}
		if (requested.getKeyId() != null && !requested.getKeyId().equals(kid)) {
			throw new JwtEncodingException(
					"Key " + requested.getKeyId() + " was asked for; the active signing key is " + kid);
		}
		JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid);
		if (requested.getType() != null) {
			header.type(new JOSEObjectType(requested.getType()));
		}
		if (requested.getContentType() != null) {
			header.contentType(requested.getContentType());
		}
		return header.build();
	}

	private static JWTClaimsSet claimsSet(JwtClaimsSet claims) {
		JWTClaimsSet.Builder builder = new JWTClaimsSet.Builder();
		claims.getClaims().forEach((name, value) -> {
			if (value instanceof Instant instant && DATE_CLAIMS.contains(name)) {
				builder.claim(name, Date.from(instant));
			}
			else if (value instanceof URL url) {
				// 'iss' and other StringOrURI claims (RFC 7519 §2) as strings
				builder.claim(name, url.toString());
			}
			else {
				builder.claim(name, value);
			}
		});
		return builder.build();
	}

	private JWSSigner signer(RSAKey key) throws JOSEException {
		KeySigner current = this.signer;
		if (current == null || !current.kid().equals(key.getKeyID())) {
			// a signer per key: it holds the private key, and keeps no state between signatures
			RSASSASigner created = new RSASSASigner(privateKey(key));
			created.getJCAContext().setProvider(this.provider);
			current = new KeySigner(key.getKeyID(), created);
			this.signer = current;
		}
		return current.signer();
	}

	/**
	 * The private key as the provider's own key object, made once per key: handed the JDK's, a provider
	 * like Amazon Corretto Crypto Provider translates it into its native form on every signature (an eighth
	 * of a refresh grant's CPU time, profiled).
	 */
	private PrivateKey privateKey(RSAKey key) throws JOSEException {
		PrivateKey jdkKey = key.toPrivateKey();
		if (this.provider == null) {
			return jdkKey;
		}
		try {
			return (PrivateKey) KeyFactory.getInstance("RSA", this.provider).translateKey(jdkKey);
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new JOSEException(this.provider.getName() + " cannot take signing key " + key.getKeyID(), ex);
		}
	}

	private record KeySigner(String kid, JWSSigner signer) {
	}

}
