package io.amagasa.authorization.testing;

import java.net.http.HttpResponse;
import java.text.ParseException;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;

import static org.assertj.core.api.Assertions.assertThat;

/** Whole flows and token checks the tests repeat. */
public final class Flows {

	private Flows() {
	}

	/**
	 * Authorization request (with {@code extra} parameters) through sign-in and consent, then the code
	 * exchange; both must succeed.
	 * @return the token response
	 */
	public static Map<String, Object> tokens(BrowserLogin browser, OAuthClient client, Map<String, String> extra) {
		Pkce pkce = Pkce.generate();
		Map<String, String> request = client.authorizationRequest(pkce);
		request.putAll(extra);
		BrowserLogin.Outcome outcome = browser.authorize(client.authorizationUrl(request));
		assertThat(outcome.redirected()).as("redirected to the client: %s", outcome).isTrue();
		assertThat(outcome.parameter("error")).as("error in %s", outcome.location()).isNull();
		HttpResponse<String> response = client.exchange(outcome.parameter("code"), pkce.verifier(), Map.of());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return Http.json(response);
	}

	/** Verifies the JWT's signature with the server's published JWK set. */
	public static SignedJWT verified(String baseUrl, String token) {
		try {
			SignedJWT jwt = SignedJWT.parse(token);
			JWKSet keys = JWKSet.parse(Http.get(baseUrl + "/oauth2/jwks").body());
			JWK key = keys.getKeyByKeyId(jwt.getHeader().getKeyID());
			assertThat(key).as("key %s in the JWK set", jwt.getHeader().getKeyID()).isNotNull();
			assertThat(key.isPrivate()).isFalse();
			assertThat(jwt.verify(new RSASSAVerifier(key.toRSAKey()))).isTrue();
			return jwt;
		}
		catch (ParseException | JOSEException ex) {
			throw new AssertionError(ex);
		}
	}

	public static Object introspect(OAuthClient introspector, String token, String claim) {
		HttpResponse<String> response = introspector.introspect(token);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return Http.json(response).get(claim);
	}

}
