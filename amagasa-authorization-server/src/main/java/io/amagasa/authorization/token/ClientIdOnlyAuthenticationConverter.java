package io.amagasa.authorization.token;

import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Reads a public client ({@code token_endpoint_auth_method} {@code none}) from a refresh-token request or a
 * revocation request (RFC 7009 §2.1) that carries its {@code client_id} and no credentials. Spring
 * Authorization Server identifies public clients only in code requests, by their PKCE verifier, so a public
 * client could not refresh; refresh tokens of public clients are rotated instead (AS-13, OAuth 2.1 §4.3.1).
 * Requests with any client credential are left to Spring's converters.
 */
final class ClientIdOnlyAuthenticationConverter implements AuthenticationConverter {

	private final RequestMatcher tokenEndpoint;

	private final RequestMatcher revocationEndpoint;

	ClientIdOnlyAuthenticationConverter(AuthorizationServerSettings settings) {
		this.tokenEndpoint = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, settings.getTokenEndpoint());
		this.revocationEndpoint = PathPatternRequestMatcher.withDefaults()
			.matcher(HttpMethod.POST, settings.getTokenRevocationEndpoint());
	}

	@Override
	public Authentication convert(HttpServletRequest request) {
		boolean refresh = this.tokenEndpoint.matches(request) && AuthorizationGrantType.REFRESH_TOKEN.getValue()
			.equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE));
		if (!refresh && !this.revocationEndpoint.matches(request)) {
			return null;
		}
		String[] clientIds = request.getParameterValues(OAuth2ParameterNames.CLIENT_ID);
		if (clientIds == null || clientIds.length != 1 || clientIds[0].isEmpty()
				|| request.getHeader(HttpHeaders.AUTHORIZATION) != null
				|| request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null
				|| request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION) != null) {
			return null;
		}
		Map<String, Object> parameters = new HashMap<>();
		request.getParameterMap().forEach((name, values) -> {
			if (!name.equals(OAuth2ParameterNames.CLIENT_ID)) {
				parameters.put(name, (values.length == 1) ? values[0] : values);
			}
		});
		return new ClientIdOnlyAuthenticationToken(clientIds[0], parameters);
	}

}
