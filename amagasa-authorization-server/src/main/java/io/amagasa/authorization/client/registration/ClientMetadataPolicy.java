package io.amagasa.authorization.client.registration;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import io.amagasa.authorization.SecurityDecision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationResponseType;
import org.springframework.security.oauth2.server.authorization.OAuth2ClientRegistration;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientRegistrationAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientRegistrationAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientRegistrationAuthenticationValidator;

/**
 * What an open registration may ask for (AS-27, AS-28, AS-30), run by Spring Authorization Server's
 * RFC 7591 endpoint as its authentication validator. First Spring's own redirect-URI check (parseable,
 * a scheme, no fragment, no {@code javascript:}/{@code data:}/{@code vbscript:}), then ours:
 * <ul>
 * <li>{@code application_type} is {@code native}, {@code web} or absent, and every redirect URI suits
 * it ({@link ApplicationType}); at least one redirect URI, since the only grant is
 * {@code authorization_code};</li>
 * <li>{@code token_endpoint_auth_method} is {@code none}, {@code client_secret_basic} (the RFC 7591
 * default) or {@code client_secret_post};</li>
 * <li>{@code grant_types} contains {@code authorization_code} and nothing but it and
 * {@code refresh_token} (no implicit, no password, no client credentials: an open endpoint must not
 * hand out clients that obtain tokens without a user);</li>
 * <li>{@code response_types} is {@code code} only.</li>
 * </ul>
 * Requested scopes are not refused but narrowed when the client is built ({@link DynamicClientConverter}).
 * Errors are RFC 7591 §3.2.2 JSON ({@code invalid_redirect_uri} / {@code invalid_client_metadata}) with
 * a description naming the rule; each refusal is audited.
 */
final class ClientMetadataPolicy implements Consumer<OAuth2ClientRegistrationAuthenticationContext> {

	private static final Logger log = LoggerFactory.getLogger(ClientMetadataPolicy.class);

	static final String INVALID_CLIENT_METADATA = "invalid_client_metadata";

	private static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc7591#section-3.2.2";

	private static final Set<String> AUTHENTICATION_METHODS = Set.of(ClientAuthenticationMethod.NONE.getValue(),
			ClientAuthenticationMethod.CLIENT_SECRET_BASIC.getValue(),
			ClientAuthenticationMethod.CLIENT_SECRET_POST.getValue());

	private static final Set<String> GRANT_TYPES = Set.of(AuthorizationGrantType.AUTHORIZATION_CODE.getValue(),
			AuthorizationGrantType.REFRESH_TOKEN.getValue());

	@Override
	public void accept(OAuth2ClientRegistrationAuthenticationContext context) {
		OAuth2ClientRegistrationAuthenticationToken authentication = context.getAuthentication();
		OAuth2ClientRegistration registration = authentication.getClientRegistration();
		try {
			OAuth2ClientRegistrationAuthenticationValidator.DEFAULT_REDIRECT_URI_VALIDATOR.accept(context);
			check(registration);
		}
		catch (OAuth2AuthenticationException ex) {
			SecurityDecision.of("client_registration", "refused")
				.with("client_name", registration.getClientName())
				.with("error", ex.getError().getErrorCode())
				.with("reason", ex.getError().getDescription())
				.warn(log);
			throw ex;
		}
	}

	private static void check(OAuth2ClientRegistration registration) {
		String declaredType = registration.getClaimAsString("application_type");
		ApplicationType type = ApplicationType.of(declaredType)
			.orElseThrow(() -> refusal(INVALID_CLIENT_METADATA, "application_type must be native or web"));
		List<String> redirectUris = registration.getRedirectUris();
		if (redirectUris == null || redirectUris.isEmpty()) {
			throw refusal(OAuth2ErrorCodes.INVALID_REDIRECT_URI,
					"redirect_uris is required: the authorization_code grant redirects to the client");
		}
		for (String redirectUri : redirectUris) {
			Optional<String> refusal = type.refusal(redirectUri);
			if (refusal.isPresent()) {
				throw refusal(OAuth2ErrorCodes.INVALID_REDIRECT_URI,
						"redirect_uri '" + abbreviate(redirectUri) + "' " + refusal.get());
			}
		}
		String method = registration.getTokenEndpointAuthenticationMethod();
		if (method != null && !AUTHENTICATION_METHODS.contains(method)) {
			throw refusal(INVALID_CLIENT_METADATA,
					"token_endpoint_auth_method must be none, client_secret_basic or client_secret_post");
		}
		List<String> grantTypes = registration.getGrantTypes();
		if (grantTypes != null && !grantTypes.isEmpty()) {
			if (!GRANT_TYPES.containsAll(grantTypes)) {
				throw refusal(INVALID_CLIENT_METADATA, "grant_types may contain only authorization_code and refresh_token");
			}
			if (!grantTypes.contains(AuthorizationGrantType.AUTHORIZATION_CODE.getValue())) {
				throw refusal(INVALID_CLIENT_METADATA, "grant_types must include authorization_code");
			}
		}
		List<String> responseTypes = registration.getResponseTypes();
		if (responseTypes != null && !responseTypes.isEmpty()
				&& !List.of(OAuth2AuthorizationResponseType.CODE.getValue()).containsAll(responseTypes)) {
			throw refusal(INVALID_CLIENT_METADATA, "response_types may contain only code");
		}
	}

	private static OAuth2AuthenticationException refusal(String errorCode, String description) {
		return new OAuth2AuthenticationException(new OAuth2Error(errorCode, description, ERROR_URI));
	}

	private static String abbreviate(String value) {
		return (value.length() <= 100) ? value : value.substring(0, 100) + "…";
	}

}
