package io.amagasa.authorization.client.registration;

import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.authorization.OAuth2ClientRegistration;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientRegistrationAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientRegistrationAuthenticationToken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/** What an open registration may ask for (AS-27, AS-28, AS-30; RFC 7591 §3.2.2 errors). */
class ClientMetadataPolicyTests {

	final ClientMetadataPolicy policy = new ClientMetadataPolicy();

	static OAuth2ClientRegistration registration(String applicationType, String... redirectUris) {
		return registration(applicationType, builder -> {
		}, redirectUris);
	}

	static OAuth2ClientRegistration registration(String applicationType, Consumer<OAuth2ClientRegistration.Builder> more,
			String... redirectUris) {
		OAuth2ClientRegistration.Builder builder = OAuth2ClientRegistration.builder().clientName("Example");
		if (applicationType != null) {
			builder.claim("application_type", applicationType);
		}
		if (redirectUris.length > 0) {
			builder.redirectUris(uris -> uris.addAll(Arrays.asList(redirectUris)));
		}
		more.accept(builder);
		return builder.build();
	}

	void check(OAuth2ClientRegistration registration) {
		this.policy.accept(OAuth2ClientRegistrationAuthenticationContext
			.with(new OAuth2ClientRegistrationAuthenticationToken(null, registration))
			.build());
	}

	OAuth2Error refusal(OAuth2ClientRegistration registration) {
		return assertThatExceptionOfType(OAuth2AuthenticationException.class).isThrownBy(() -> check(registration))
			.actual()
			.getError();
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			native | http://127.0.0.1/callback
			native | http://127.0.0.1:53682/callback
			native | http://[::1]:8080/cb
			native | http://localhost:6274/oauth/callback
			native | com.example.app:/oauth2redirect
			native | com.example.app://callback
			native | https://app.example.com/cb
			web    | https://app.example.com/cb
			web    | https://app.example.com:8443/oauth/cb?x=1
			-      | https://claude.ai/api/mcp/auth_callback
			-      | http://127.0.0.1:33418/
			-      | http://localhost:3000/callback
			""")
	@DisplayName("AS-28: native may use loopback http (any port), https and reverse-domain schemes; web uses https; absent: https or loopback")
	void accepted(String applicationType, String redirectUri) {
		assertThatNoException().isThrownBy(() -> check(registration(applicationType, redirectUri)));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			native | http://app.example.com/cb       | is not allowed for a native client, which may use http on a loopback host, https, or a private-use scheme in reverse-domain form such as com.example.app (RFC 8252 §7)
			native | myapp:/cb                       | is not allowed for a native client, which may use http on a loopback host, https, or a private-use scheme in reverse-domain form such as com.example.app (RFC 8252 §7)
			web    | http://localhost:3000/cb        | is not allowed for a web client, which must use https on a host other than localhost (register loopback redirect URIs with application_type native)
			web    | https://127.0.0.1/cb            | is not allowed for a web client, which must use https on a host other than localhost (register loopback redirect URIs with application_type native)
			web    | http://app.example.com/cb       | is not allowed for a web client, which must use https on a host other than localhost (register loopback redirect URIs with application_type native)
			web    | com.example.app:/cb             | is not allowed for a web client, which must use https on a host other than localhost (register loopback redirect URIs with application_type native)
			-      | http://app.example.com/cb       | must use https, or http on a loopback host; private-use schemes need application_type native
			-      | com.example.app:/cb             | must use https, or http on a loopback host; private-use schemes need application_type native
			""")
	@DisplayName("AS-28, AS-30: a redirect URI the application type may not use is invalid_redirect_uri")
	void refusedRedirectUris(String applicationType, String redirectUri, String reason) {
		OAuth2Error error = refusal(registration(applicationType, redirectUri));
		assertThat(error.getErrorCode()).isEqualTo("invalid_redirect_uri");
		assertThat(error.getDescription()).isEqualTo("redirect_uri '" + redirectUri + "' " + reason);
		assertThat(error.getUri()).isEqualTo("https://datatracker.ietf.org/doc/html/rfc7591#section-3.2.2");
	}

	@Test
	@DisplayName("Spring's own checks run first: fragments and javascript: URIs are invalid_redirect_uri")
	void springRedirectChecks() {
		assertThat(refusal(registration("web", "https://app.example.com/cb#x")).getErrorCode())
			.isEqualTo("invalid_redirect_uri");
		assertThat(refusal(registration("native", "javascript:alert(1)")).getErrorCode())
			.isEqualTo("invalid_redirect_uri");
	}

	@Test
	@DisplayName("redirect_uris is required, and application_type must be native or web")
	void requiredMembers() {
		OAuth2Error missing = refusal(registration("native"));
		assertThat(missing.getErrorCode()).isEqualTo("invalid_redirect_uri");
		assertThat(missing.getDescription()).isEqualTo("redirect_uris is required: the authorization_code grant redirects to the client");
		OAuth2Error type = refusal(registration("service", "https://app.example.com/cb"));
		assertThat(type.getErrorCode()).isEqualTo("invalid_client_metadata");
		assertThat(type.getDescription()).isEqualTo("application_type must be native or web");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "-", textBlock = """
			none
			client_secret_basic
			client_secret_post
			-
			""")
	@DisplayName("token_endpoint_auth_method: none, client_secret_basic (the default) and client_secret_post")
	void authenticationMethodsAccepted(String method) {
		assertThatNoException().isThrownBy(() -> check(registration("native", builder -> {
			if (method != null) {
				builder.tokenEndpointAuthenticationMethod(method);
			}
		}, "http://127.0.0.1/cb")));
	}

	@ParameterizedTest
	@CsvSource(textBlock = """
			private_key_jwt
			client_secret_jwt
			tls_client_auth
			""")
	@DisplayName("Other token_endpoint_auth_methods are invalid_client_metadata")
	void authenticationMethodsRefused(String method) {
		OAuth2Error error = refusal(registration("native", builder -> builder.tokenEndpointAuthenticationMethod(method),
				"http://127.0.0.1/cb"));
		assertThat(error.getErrorCode()).isEqualTo("invalid_client_metadata");
		assertThat(error.getDescription())
			.isEqualTo("token_endpoint_auth_method must be none, client_secret_basic or client_secret_post");
	}

	@Test
	@DisplayName("grant_types: authorization_code with or without refresh_token; never implicit, password or client_credentials")
	void grantTypes() {
		assertThatNoException().isThrownBy(() -> check(registration("native",
				builder -> builder.grantTypes(types -> types.addAll(List.of("authorization_code", "refresh_token"))),
				"http://127.0.0.1/cb")));
		for (String forbidden : List.of("implicit", "password", "client_credentials",
				"urn:ietf:params:oauth:grant-type:jwt-bearer")) {
			OAuth2Error error = refusal(registration("native",
					builder -> builder.grantTypes(types -> types.addAll(List.of("authorization_code", forbidden))),
					"http://127.0.0.1/cb"));
			assertThat(error.getErrorCode()).isEqualTo("invalid_client_metadata");
			assertThat(error.getDescription()).isEqualTo("grant_types may contain only authorization_code and refresh_token");
		}
		OAuth2Error refreshOnly = refusal(registration("native",
				builder -> builder.grantTypes(types -> types.add("refresh_token")), "http://127.0.0.1/cb"));
		assertThat(refreshOnly.getDescription()).isEqualTo("grant_types must include authorization_code");
	}

	@Test
	@DisplayName("response_types: code only")
	void responseTypes() {
		assertThatNoException().isThrownBy(() -> check(registration("native",
				builder -> builder.responseTypes(types -> types.add("code")), "http://127.0.0.1/cb")));
		OAuth2Error error = refusal(registration("native",
				builder -> builder.responseTypes(types -> types.addAll(List.of("code", "token"))), "http://127.0.0.1/cb"));
		assertThat(error.getErrorCode()).isEqualTo("invalid_client_metadata");
		assertThat(error.getDescription()).isEqualTo("response_types may contain only code");
	}

}
