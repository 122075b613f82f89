package io.amagasa.authorization.client.registration;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.amagasa.authorization.RegisteredClientDefaults;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.server.authorization.OAuth2ClientRegistration;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.converter.OAuth2ClientRegistrationRegisteredClientConverter;

/**
 * Builds the client a registration creates: Spring Authorization Server's own conversion (grant types,
 * redirect URIs, authentication method and a generated secret for confidential clients), then
 * <ul>
 * <li>a {@link DynamicClientId} as {@code client_id}, which never starts with {@code https://};</li>
 * <li>the requested scopes narrowed to the allowed ones, or all allowed ones when none were requested
 * (RFC 7591 §3.2.1 lets the server replace requested values; the response tells the client what it
 * got);</li>
 * <li>the settings of every client ({@link RegisteredClientDefaults}: PKCE, refresh-token rotation,
 * token lifetimes), consent required, and no {@code jwks_uri}: the permitted authentication methods
 * never use one, and Spring would fetch it outside any SSRF guard.</li>
 * </ul>
 */
final class DynamicClientConverter implements Converter<OAuth2ClientRegistration, RegisteredClient> {

	private final OAuth2ClientRegistrationRegisteredClientConverter springConversion = new OAuth2ClientRegistrationRegisteredClientConverter();

	private final Set<String> allowedScopes;

	private final RegisteredClientDefaults defaults;

	DynamicClientConverter(Set<String> allowedScopes, RegisteredClientDefaults defaults) {
		this.allowedScopes = allowedScopes;
		this.defaults = defaults;
	}

	@Override
	public RegisteredClient convert(OAuth2ClientRegistration registration) {
		RegisteredClient converted = this.springConversion.convert(registration);
		Set<String> granted = new LinkedHashSet<>(this.allowedScopes);
		List<String> requested = registration.getScopes();
		if (requested != null && !requested.isEmpty()) {
			granted.retainAll(requested);
		}
		return RegisteredClient.from(converted)
			.clientId(DynamicClientId.generate())
			.scopes(scopes -> {
				scopes.clear();
				scopes.addAll(granted);
			})
			.clientSettings(this.defaults.clientSettings(true))
			.tokenSettings(this.defaults.tokenSettings())
			.build();
	}

}
