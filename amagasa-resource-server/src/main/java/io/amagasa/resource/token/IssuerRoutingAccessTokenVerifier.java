package io.amagasa.resource.token;

import java.text.ParseException;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;

/**
 * The verifier {@link AccessTokenVerifierBuilder} builds. Like Spring Security's
 * {@code JwtIssuerAuthenticationManagerResolver}, it reads the unverified {@code iss} of a JWT only
 * to choose the verifier of that issuer, and trusts nothing before that verifier is done; an
 * untrusted issuer is refused without any network call. Tokens that are not JWTs, or JWTs of no
 * trusted issuer, go to introspection when an issuer offers it (RFC 7662), trying the introspecting
 * issuers in configuration order.
 */
final class IssuerRoutingAccessTokenVerifier implements AccessTokenVerifier {

	private final int maxTokenLength;

	private final Map<String, TrustedIssuerVerifier> issuers;

	private final EntraTokenVerifier entra;

	private final List<IntrospectionVerifier> introspection;

	private final ValidatedTokenCache validated;

	private final ValidatedTokenCache introspected;

	/**
	 * @param issuers JWT verifiers by exact issuer
	 * @param entra the Entra profile, or {@code null}
	 * @param introspection introspecting issuers, in order
	 * @param validated verified JWT callers, or {@code null} when that cache is disabled
	 * @param introspected introspection results
	 */
	IssuerRoutingAccessTokenVerifier(int maxTokenLength, Map<String, TrustedIssuerVerifier> issuers,
			EntraTokenVerifier entra, List<IntrospectionVerifier> introspection, ValidatedTokenCache validated,
			ValidatedTokenCache introspected) {
		this.maxTokenLength = maxTokenLength;
		this.issuers = Map.copyOf(issuers);
		this.entra = entra;
		this.introspection = List.copyOf(introspection);
		this.validated = validated;
		this.introspected = introspected;
	}

	@Override
	public Caller verify(String token) {
		if (token == null || token.isEmpty()) {
			throw new InvalidTokenException(InvalidTokenException.MALFORMED, "The access token is empty");
		}
		if (token.length() > this.maxTokenLength) {
			throw new InvalidTokenException(InvalidTokenException.TOO_LARGE, "The access token is too large");
		}
		Caller cached = (this.validated != null) ? this.validated.get(token) : null;
		if (cached != null) {
			return cached;
		}
		int segments = compactSegments(token);
		SignedJWT jwt = (segments == 3) ? parse(token) : null;
		String issuer = (jwt != null) ? issuer(jwt) : null;
		if (issuer != null) {
			Caller caller = verifyJwt(jwt, issuer);
			if (caller != null) {
				if (this.validated != null) {
					this.validated.put(token, caller);
				}
				return caller;
			}
		}
		if (!this.introspection.isEmpty()) {
			return introspect(token);
		}
		if (segments == 5) {
			// RFC 7516 §7.1: a JWE, which only its issuer can decrypt. Such an issuer is served through
			// introspection (above); without it, the description names the cause rather than "not a JWT".
			throw new InvalidTokenException(InvalidTokenException.MALFORMED,
					"Encrypted access tokens (JWE) are not accepted");
		}
		if (jwt == null) {
			throw new InvalidTokenException(InvalidTokenException.MALFORMED, "The access token is not a JWT");
		}
		throw new InvalidTokenException(InvalidTokenException.UNTRUSTED_ISSUER, "The token issuer is not trusted");
	}

	/** @return the caller, or {@code null} when no JWT verifier is configured for {@code issuer} */
	private Caller verifyJwt(SignedJWT jwt, String issuer) {
		TrustedIssuerVerifier trusted = this.issuers.get(issuer);
		if (trusted != null) {
			return trusted.verify(jwt);
		}
		EntraIssuer entraIssuer = (this.entra != null) ? this.entra.recognize(issuer) : null;
		return (entraIssuer != null) ? this.entra.verify(jwt, entraIssuer) : null;
	}

	/**
	 * The number of base64url segments of a JOSE compact serialization: 3 for a JWS (RFC 7515 §7.1), 5 for
	 * a JWE (RFC 7516 §7.1); 0 for anything else, such as an opaque token.
	 */
	private static int compactSegments(String token) {
		int dots = 0;
		for (int i = 0; i < token.length(); i++) {
			char c = token.charAt(i);
			if (c == '.') {
				dots++;
			}
			else if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
					|| c == '_')) {
				return 0;
			}
		}
		return (dots == 2 || dots == 4) ? dots + 1 : 0;
	}

	/** @return the JWS, or {@code null} when it does not parse (and so may be opaque after all) */
	private SignedJWT parse(String token) {
		JWT jwt;
		try {
			jwt = JWTParser.parse(token);
		}
		catch (ParseException ex) {
			if (!this.introspection.isEmpty()) {
				return null;
			}
			throw new InvalidTokenException(InvalidTokenException.MALFORMED, "The access token is not a valid JWT", ex);
		}
		if (jwt instanceof PlainJWT) {
			throw new InvalidTokenException(InvalidTokenException.UNSUPPORTED_ALGORITHM,
					"Unsigned tokens (alg none) are not accepted");
		}
		return (SignedJWT) jwt;
	}

	private static String issuer(SignedJWT jwt) {
		try {
			return jwt.getJWTClaimsSet().getIssuer();
		}
		catch (ParseException ex) {
			throw new InvalidTokenException(InvalidTokenException.MALFORMED, "The access token claims are malformed", ex);
		}
	}

	/**
	 * The first introspecting issuer that calls the token active decides. When none does, the first
	 * refusal other than "inactive" explains why (an unreachable endpoint, say), else "inactive".
	 */
	private Caller introspect(String token) {
		Caller cached = this.introspected.get(token);
		if (cached != null) {
			return cached;
		}
		InvalidTokenException refusal = null;
		for (IntrospectionVerifier verifier : this.introspection) {
			try {
				Caller caller = verifier.verify(token);
				this.introspected.put(token, caller);
				return caller;
			}
			catch (InvalidTokenException ex) {
				if (refusal == null || InvalidTokenException.INACTIVE.equals(refusal.reason())) {
					refusal = ex;
				}
			}
		}
		throw refusal;
	}

}
