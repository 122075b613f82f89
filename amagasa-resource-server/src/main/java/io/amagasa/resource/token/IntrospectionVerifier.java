package io.amagasa.resource.token;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.support.BasicAuthenticationInterceptor;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OAuth2IntrospectionException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.oauth2.server.resource.introspection.SpringOpaqueTokenIntrospector;
import org.springframework.web.client.RestTemplate;

/**
 * Opaque tokens of one {@link TrustedIssuer}, through RFC 7662 introspection by Spring's
 * {@link SpringOpaqueTokenIntrospector} (which already refuses {@code active: false}). On top of it,
 * the rules that apply to every access token: {@code iss}, when present, is the issuer;
 * {@code aud} is ours (RS-20); {@code exp}/{@code nbf} hold; and a refresh token introspected as
 * active is still not an access token.
 */
final class IntrospectionVerifier {

	private static final CallerClaims CALLER_CLAIMS = new CallerClaims((scope) -> scope);

	private final String issuer;

	private final OpaqueTokenIntrospector introspector;

	private final ResourceAudience audience;

	private final TokenLifetime lifetime;

	private final URI endpoint;

	private final OutboundFailures failures;

	IntrospectionVerifier(TrustedIssuer issuer, ClientHttpRequestFactory requests, TokenLifetime lifetime,
			OutboundFailures failures) {
		TrustedIssuer.Introspection introspection = issuer.introspection();
		OutboundHttp.requireSecure(introspection.endpoint(), "Introspection endpoint of " + issuer.issuer());
		// client_secret_basic: RFC 6749 §2.3.1 form-encodes id and secret before Basic encoding,
		// as SpringOpaqueTokenIntrospector.Builder does; we build the RestTemplate to set timeouts
		RestTemplate rest = new RestTemplate(requests);
		rest.getInterceptors()
			.add(new BasicAuthenticationInterceptor(URLEncoder.encode(introspection.clientId(), StandardCharsets.UTF_8),
					URLEncoder.encode(introspection.clientSecret(), StandardCharsets.UTF_8)));
		this.issuer = issuer.issuer();
		this.introspector = new SpringOpaqueTokenIntrospector(introspection.endpoint().toString(), rest);
		this.audience = new ResourceAudience(issuer.audiences());
		this.lifetime = lifetime;
		this.endpoint = introspection.endpoint();
		this.failures = failures;
	}

	Caller verify(String token) {
		Map<String, Object> claims;
		try {
			claims = this.introspector.introspect(token).getAttributes();
			this.failures.succeeded(this.endpoint);
		}
		catch (BadOpaqueTokenException ex) {
			// an answer, active: false
			this.failures.succeeded(this.endpoint);
			throw new InvalidTokenException(InvalidTokenException.INACTIVE, "The access token is not active", ex);
		}
		catch (OAuth2IntrospectionException ex) {
			this.failures.failed(this.endpoint, ex);
			throw new InvalidTokenException(InvalidTokenException.INTROSPECTION_FAILED,
					"The access token could not be introspected", ex);
		}
		catch (ClassCastException ex) {
			// SpringOpaqueTokenIntrospector casts exp, iat and nbf to numbers
			this.failures.failed(this.endpoint, "malformed introspection response: " + ex.getMessage());
			throw new InvalidTokenException(InvalidTokenException.INTROSPECTION_FAILED,
					"The introspection response is malformed", ex);
		}
		Object issuer = claims.get("iss");
		if (issuer != null && !this.issuer.equals(issuer)) {
			throw new InvalidTokenException(InvalidTokenException.UNTRUSTED_ISSUER, "The token issuer is not trusted");
		}
		if (claims.get("token_type") instanceof String type && type.toLowerCase(Locale.ROOT).contains("refresh")) {
			throw new InvalidTokenException(InvalidTokenException.WRONG_TYPE, "The token is not an access token");
		}
		this.audience.verify(audience(claims.get("aud")));
		this.lifetime.verify(instant(claims.get("exp")), instant(claims.get("nbf")), false);
		return CALLER_CLAIMS.caller(this.issuer, claims);
	}

	/** SpringOpaqueTokenIntrospector turns a string {@code aud} into a list already. */
	private static List<String> audience(Object aud) {
		if (aud instanceof List<?> values) {
			return values.stream().map(String::valueOf).toList();
		}
		return (aud != null) ? List.of(aud.toString()) : null;
	}

	/** SpringOpaqueTokenIntrospector turns {@code exp}, {@code iat} and {@code nbf} into Instants. */
	private static Instant instant(Object value) {
		return (value instanceof Instant instant) ? instant : null;
	}

}
