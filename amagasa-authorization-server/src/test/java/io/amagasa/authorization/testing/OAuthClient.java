package io.amagasa.authorization.testing;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A registered client talking to the authorization server: builds authorization requests (with PKCE and a
 * fresh {@code state}) and makes token, refresh, revocation and introspection requests, authenticated the
 * way the client is registered.
 *
 * @param baseUrl the authorization server
 * @param clientId the client id
 * @param secret the secret of a confidential client, or {@code null}
 * @param post whether a confidential client sends its secret in the body ({@code client_secret_post})
 * rather than HTTP Basic
 * @param redirectUri the redirect URI it sends
 */
public record OAuthClient(String baseUrl, String clientId, String secret, boolean post, String redirectUri) {

	public static OAuthClient publicClient(String baseUrl, String clientId, String redirectUri) {
		return new OAuthClient(baseUrl, clientId, null, false, redirectUri);
	}

	public static OAuthClient confidential(String baseUrl, String clientId, String secret, boolean post,
			String redirectUri) {
		return new OAuthClient(baseUrl, clientId, secret, post, redirectUri);
	}

	/** The parameters of a code request with PKCE S256 and a fresh state; add or remove as a test needs. */
	public Map<String, String> authorizationRequest(Pkce pkce) {
		Map<String, String> parameters = new LinkedHashMap<>();
		parameters.put("response_type", "code");
		parameters.put("client_id", this.clientId);
		parameters.put("redirect_uri", this.redirectUri);
		parameters.put("state", UUID.randomUUID().toString());
		parameters.put("code_challenge", pkce.challenge());
		parameters.put("code_challenge_method", "S256");
		return parameters;
	}

	public String authorizationUrl(Map<String, String> parameters) {
		return Http.url(this.baseUrl + "/oauth2/authorize", parameters);
	}

	public HttpResponse<String> exchange(String code, String verifier, Map<String, String> extra) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "authorization_code");
		form.put("code", code);
		form.put("redirect_uri", this.redirectUri);
		form.put("code_verifier", verifier);
		form.putAll(extra);
		return tokenEndpoint("/oauth2/token", form);
	}

	public HttpResponse<String> refresh(String refreshToken, Map<String, String> extra) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "refresh_token");
		form.put("refresh_token", refreshToken);
		form.putAll(extra);
		return tokenEndpoint("/oauth2/token", form);
	}

	public HttpResponse<String> revoke(String token) {
		return tokenEndpoint("/oauth2/revoke", new LinkedHashMap<>(Map.of("token", token)));
	}

	public HttpResponse<String> introspect(String token) {
		return tokenEndpoint("/oauth2/introspect", new LinkedHashMap<>(Map.of("token", token)));
	}

	/** A request to a client-authenticated endpoint, authenticated as this client is registered. */
	public HttpResponse<String> tokenEndpoint(String path, Map<String, String> form) {
		if (this.secret == null) {
			form.put("client_id", this.clientId);
			return Http.post(this.baseUrl + path, form, null);
		}
		if (this.post) {
			form.put("client_id", this.clientId);
			form.put("client_secret", this.secret);
			return Http.post(this.baseUrl + path, form, null);
		}
		return Http.post(this.baseUrl + path, form, this.clientId + ":" + this.secret);
	}

}
