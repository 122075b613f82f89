package io.amagasa.resource.token;

import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.BadJWSException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.JWSVerifierFactory;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.nimbusds.jwt.proc.JWTClaimsSetVerifier;

/**
 * Verifies a JWS-signed JWT with Nimbus' {@link DefaultJWTProcessor}: the {@code typ} first, then
 * the key by {@code kid} from the issuer's JWK set, then the signature, then the claims. We drive
 * the processor ourselves instead of Spring's {@code NimbusJwtDecoder} (which wraps the same
 * processor) because the decoder folds every failure into message text, while audit and metrics
 * need a stable {@link InvalidTokenException#reason()} for each.
 */
final class SignedJwtVerifier {

	/**
	 * Asymmetric algorithms only (RS-19, RFC 8725 §3.1): {@code none} and HS* never verify, so a
	 * token MAC'd with the issuer's public key as HMAC secret (algorithm confusion) fails before any
	 * key is looked at. EdDSA is left out: Nimbus verifies it only with Google Tink on the classpath.
	 */
	static final Set<JWSAlgorithm> ASYMMETRIC = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
			JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384,
			JWSAlgorithm.ES512);

	private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

	SignedJwtVerifier(JWKSource<SecurityContext> keys, JWSVerifierFactory signatures, AccessTokenTypeVerifier type,
			JWTClaimsSetVerifier<SecurityContext> claims) {
		this.processor.setJWSTypeVerifier(type);
		this.processor.setJWSVerifierFactory(signatures);
		this.processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ASYMMETRIC, keys));
		this.processor.setJWTClaimsSetVerifier(claims);
	}

	/**
	 * @return the claims, verified
	 * @throws InvalidTokenException when any step refuses the token
	 */
	JWTClaimsSet verify(SignedJWT jwt) {
		if (!ASYMMETRIC.contains(jwt.getHeader().getAlgorithm())) {
			throw new InvalidTokenException(InvalidTokenException.UNSUPPORTED_ALGORITHM,
					"The token signing algorithm is not accepted");
		}
		// Nimbus' verifiers refuse such a token too, but as a bad signature: the audit line would point at a
		// forgery where the issuer merely uses an extension (RFC 7515 §4.1.11) this server does not process.
		Set<String> critical = jwt.getHeader().getCriticalParams();
		if (critical != null && !critical.isEmpty()) {
			throw new InvalidTokenException(InvalidTokenException.UNSUPPORTED_CRITICAL_HEADER,
					"The token header lists critical extensions (crit) that are not supported");
		}
		try {
			return this.processor.process(jwt, null);
		}
		catch (BadJWSException ex) {
			throw new InvalidTokenException(InvalidTokenException.BAD_SIGNATURE, "The token signature is invalid", ex);
		}
		catch (RateLimitReachedException ex) {
			// the kid is not in the cached set and a refetch ran moments ago: fail closed
			throw new InvalidTokenException(InvalidTokenException.UNKNOWN_KEY, "The token signing key is unknown", ex);
		}
		catch (KeySourceException ex) {
			throw new InvalidTokenException(InvalidTokenException.JWKS_UNAVAILABLE,
					"The issuer signing keys are unavailable", ex);
		}
		catch (BadJOSEException ex) {
			// the algorithm is accepted (checked above), so no key matched the kid
			throw new InvalidTokenException(InvalidTokenException.UNKNOWN_KEY, "The token signing key is unknown", ex);
		}
		catch (JOSEException ex) {
			// the key cannot verify this algorithm, e.g. a P-384 key for ES256
			throw new InvalidTokenException(InvalidTokenException.BAD_SIGNATURE, "The token signature is invalid", ex);
		}
	}

}
