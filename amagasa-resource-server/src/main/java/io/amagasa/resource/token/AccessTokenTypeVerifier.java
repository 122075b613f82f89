package io.amagasa.resource.token;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;

/**
 * The JOSE {@code typ} rule (RFC 8725 §3.11 explicit typing). When required, only RFC 9068 §2.1
 * access tokens ({@code at+jwt}, or its full media type) pass. Otherwise we accept what Spring
 * Security accepts by default (no {@code typ}, or {@code JWT}) plus the RFC 9068 types; any other
 * explicit type names another kind of JWT (a DPoP proof, a logout token...) and is refused.
 * Comparison is case-insensitive (RFC 7515 §4.1.9) through Nimbus' {@link JOSEObjectType}.
 */
final class AccessTokenTypeVerifier implements JOSEObjectTypeVerifier<SecurityContext> {

	private static final JOSEObjectType AT_JWT = new JOSEObjectType("at+jwt");

	private static final JOSEObjectType APPLICATION_AT_JWT = new JOSEObjectType("application/at+jwt");

	private static final JOSEObjectType APPLICATION_JWT = new JOSEObjectType("application/jwt");

	private final DefaultJOSEObjectTypeVerifier<SecurityContext> delegate;

	private final String description;

	private AccessTokenTypeVerifier(String description, JOSEObjectType... allowed) {
		this.delegate = new DefaultJOSEObjectTypeVerifier<>(allowed);
		this.description = description;
	}

	static AccessTokenTypeVerifier atJwtRequired() {
		return new AccessTokenTypeVerifier("The token is not a JWT access token (typ at+jwt, RFC 9068)", AT_JWT,
				APPLICATION_AT_JWT);
	}

	static AccessTokenTypeVerifier accessTokenOrPlainJwt() {
		return new AccessTokenTypeVerifier("The token type (typ) is not an access token", null, JOSEObjectType.JWT,
				APPLICATION_JWT, AT_JWT, APPLICATION_AT_JWT);
	}

	@Override
	public void verify(JOSEObjectType type, SecurityContext context) {
		try {
			this.delegate.verify(type, context);
		}
		catch (BadJOSEException ex) {
			throw new InvalidTokenException(InvalidTokenException.WRONG_TYPE, this.description, ex);
		}
	}

}
