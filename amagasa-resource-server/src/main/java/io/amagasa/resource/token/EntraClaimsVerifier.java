package io.amagasa.resource.token;

import java.text.ParseException;

import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.JWTClaimsSetVerifier;

/**
 * The claims of an Entra access token of one version, after its signature verified
 * (access-tokens.md "Validate the issuer"): {@code tid} is a GUID and {@code iss} is exactly the
 * issuer of that version for that {@code tid} (the chain of trust from tenant to issuer),
 * {@code ver} is the version, {@code aud} is the API (RS-20), within {@code exp}/{@code nbf}.
 */
final class EntraClaimsVerifier implements JWTClaimsSetVerifier<SecurityContext> {

	private final int version;

	private final String authority;

	private final ResourceAudience audience;

	private final TokenLifetime lifetime;

	EntraClaimsVerifier(int version, String authority, ResourceAudience audience, TokenLifetime lifetime) {
		this.version = version;
		this.authority = authority;
		this.audience = audience;
		this.lifetime = lifetime;
	}

	@Override
	public void verify(JWTClaimsSet claims, SecurityContext context) {
		String tenant;
		String tokenVersion;
		try {
			tenant = claims.getStringClaim("tid");
			tokenVersion = claims.getStringClaim("ver");
		}
		catch (ParseException ex) {
			throw new InvalidTokenException(InvalidTokenException.MALFORMED, "The tid or ver claim is malformed", ex);
		}
		if (tenant == null || !EntraProfile.GUID.matcher(tenant).matches()
				|| !EntraIssuer.issuer(this.version, tenant, this.authority).equals(claims.getIssuer())) {
			throw new InvalidTokenException(InvalidTokenException.UNTRUSTED_ISSUER,
					"The token issuer does not match its tenant (tid)");
		}
		if (!(this.version + ".0").equals(tokenVersion)) {
			throw new InvalidTokenException(InvalidTokenException.WRONG_TYPE,
					"The token version (ver) does not match its issuer");
		}
		this.audience.verify(claims.getAudience());
		this.lifetime.verify(AccessTokenClaimsVerifier.instant(claims.getExpirationTime()),
				AccessTokenClaimsVerifier.instant(claims.getNotBeforeTime()), true);
	}

}
