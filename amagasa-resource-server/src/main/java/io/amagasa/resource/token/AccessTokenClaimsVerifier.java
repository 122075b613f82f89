package io.amagasa.resource.token;

import java.time.Instant;
import java.util.Date;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.JWTClaimsSetVerifier;

/**
 * The claims of a JWT access token from a {@link TrustedIssuer} (RFC 9068 §4): {@code iss} exactly
 * the issuer, {@code aud} ours (RS-20), within {@code exp}/{@code nbf}. Nimbus runs it only after
 * the signature verified, so no claim is trusted before that.
 */
final class AccessTokenClaimsVerifier implements JWTClaimsSetVerifier<SecurityContext> {

	private final String issuer;

	private final ResourceAudience audience;

	private final TokenLifetime lifetime;

	AccessTokenClaimsVerifier(String issuer, ResourceAudience audience, TokenLifetime lifetime) {
		this.issuer = issuer;
		this.audience = audience;
		this.lifetime = lifetime;
	}

	@Override
	public void verify(JWTClaimsSet claims, SecurityContext context) {
		if (!this.issuer.equals(claims.getIssuer())) {
			throw new InvalidTokenException(InvalidTokenException.UNTRUSTED_ISSUER, "The token issuer is not trusted");
		}
		this.audience.verify(claims.getAudience());
		this.lifetime.verify(instant(claims.getExpirationTime()), instant(claims.getNotBeforeTime()), true);
	}

	static Instant instant(Date date) {
		return (date != null) ? date.toInstant() : null;
	}

}
