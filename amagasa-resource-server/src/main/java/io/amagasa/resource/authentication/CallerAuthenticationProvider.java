package io.amagasa.resource.authentication;

import io.amagasa.resource.token.AccessTokenVerifier;
import io.amagasa.resource.token.InvalidTokenException;

import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.BearerTokenErrorCodes;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/** Turns a bearer token into a {@link CallerAuthentication} through the configured verifier (RS-19..RS-21). */
public final class CallerAuthenticationProvider implements AuthenticationProvider {

	private final AccessTokenVerifier verifier;

	public CallerAuthenticationProvider(AccessTokenVerifier verifier) {
		this.verifier = verifier;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		String token = ((BearerTokenAuthenticationToken) authentication).getToken();
		try {
			CallerAuthentication result = new CallerAuthentication(this.verifier.verify(token));
			result.setDetails(authentication.getDetails());
			return result;
		}
		catch (InvalidTokenException ex) {
			throw new RejectedTokenException(BearerTokenErrorCodes.INVALID_TOKEN, HttpStatus.UNAUTHORIZED, ex.reason(),
					ex.description());
		}
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
	}

}
