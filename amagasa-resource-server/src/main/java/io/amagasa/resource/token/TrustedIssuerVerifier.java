package io.amagasa.resource.token;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerifierFactory;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/** JWT access tokens of one standards-compliant {@link TrustedIssuer} (RFC 9068). */
final class TrustedIssuerVerifier {

	private static final CallerClaims CALLER_CLAIMS = new CallerClaims((scope) -> scope);

	private final String issuer;

	private final SignedJwtVerifier jwt;

	TrustedIssuerVerifier(TrustedIssuer issuer, JWKSource<SecurityContext> keys, JWSVerifierFactory signatures,
			TokenLifetime lifetime) {
		this.issuer = issuer.issuer();
		AccessTokenTypeVerifier type = issuer.requireAtJwtType() ? AccessTokenTypeVerifier.atJwtRequired()
				: AccessTokenTypeVerifier.accessTokenOrPlainJwt();
		this.jwt = new SignedJwtVerifier(keys, signatures, type,
				new AccessTokenClaimsVerifier(issuer.issuer(), new ResourceAudience(issuer.audiences()), lifetime));
	}

	Caller verify(SignedJWT token) {
		JWTClaimsSet claims = this.jwt.verify(token);
		return CALLER_CLAIMS.caller(this.issuer, claims.getClaims());
	}

}
