package io.amagasa.resource.token;

import java.io.IOException;
import java.net.URI;
import java.text.ParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSetCacheRefreshEvaluator;
import com.nimbusds.jose.jwk.source.JWKSetParseException;
import com.nimbusds.jose.jwk.source.JWKSetRetrievalException;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.JSONObjectUtils;

/**
 * The innermost source of an issuer's JWK set: one HTTP fetch per call. Nimbus'
 * {@code JWKSourceBuilder} wraps it with caching, rate limiting and outage tolerance (see
 * {@link JwkSetCaching}). It replaces Nimbus' {@code URLBasedJWKSetSource} so that the URL can come
 * from metadata discovered on first use, the fetch runs on our {@link OutboundHttp}, and the
 * {@code issuer} member Microsoft adds to each key (not a JWK parameter, so Nimbus drops it) is
 * kept for the Entra signing-key issuer check. Every failed fetch is reported to {@link OutboundFailures}:
 * Nimbus' rate limit bounds how often that can be.
 */
final class RemoteJwkSetSource implements JWKSetSource<SecurityContext> {

	private final JwkSetLocation location;

	private final OutboundHttp http;

	private final OutboundFailures failures;

	private volatile Map<String, String> keyIssuers = Map.of();

	RemoteJwkSetSource(JwkSetLocation location, OutboundHttp http, OutboundFailures failures) {
		this.location = location;
		this.http = http;
		this.failures = failures;
	}

	@Override
	public JWKSet getJWKSet(JWKSetCacheRefreshEvaluator refreshEvaluator, long currentTime, SecurityContext context)
			throws KeySourceException {
		URI uri = null;
		OutboundHttp.Response response;
		try {
			uri = this.location.resolve();
			response = this.http.get(uri);
		}
		catch (IOException ex) {
			this.failures.failed(uri, ex);
			throw new JWKSetRetrievalException("Couldn't retrieve JWK set: " + ex.getMessage(), ex);
		}
		if (response.status() != 200) {
			this.failures.failed(uri, "HTTP " + response.status());
			throw new JWKSetRetrievalException("Couldn't retrieve JWK set: HTTP " + response.status(), null);
		}
		try {
			Map<String, Object> json = JSONObjectUtils.parse(response.body());
			JWKSet keys = JWKSet.parse(json);
			this.keyIssuers = keyIssuers(json);
			this.failures.succeeded(uri);
			return keys;
		}
		catch (ParseException ex) {
			this.failures.failed(uri, "not a JWK set: " + ex.getMessage());
			throw new JWKSetParseException("Couldn't parse JWK set: " + ex.getMessage(), ex);
		}
	}

	/**
	 * @return the {@code issuer} Microsoft published with the key of this {@code kid} in the last
	 * successful fetch, or {@code null}
	 */
	String keyIssuer(String keyId) {
		return this.keyIssuers.get(keyId);
	}

	private static Map<String, String> keyIssuers(Map<String, Object> json) throws ParseException {
		Map<String, String> issuers = new HashMap<>();
		List<Object> keys = JSONObjectUtils.getJSONArray(json, "keys");
		for (Object key : keys) {
			if (key instanceof Map<?, ?> member && member.get("kid") instanceof String kid
					&& member.get("issuer") instanceof String issuer) {
				issuers.put(kid, issuer);
			}
		}
		return Map.copyOf(issuers);
	}

	@Override
	public void close() {
		// nothing to release: the HttpClient is shared and owned by the verifier
	}

}
