package io.amagasa.resource.token;

/**
 * Turns a bearer token into a verified {@link Caller} (RS-19..RS-21), or says why it cannot.
 * Implementations are thread-safe. Build one with {@link AccessTokenVerifierBuilder}.
 */
@FunctionalInterface
public interface AccessTokenVerifier {

	/**
	 * Verify an access token.
	 * @param token the bearer token exactly as received in the {@code Authorization} header
	 * @return the verified caller
	 * @throws InvalidTokenException when the token must not be accepted
	 */
	Caller verify(String token) throws InvalidTokenException;

}
