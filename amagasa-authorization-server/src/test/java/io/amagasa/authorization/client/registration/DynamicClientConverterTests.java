package io.amagasa.authorization.client.registration;

import java.time.Duration;
import java.util.Set;

import io.amagasa.authorization.AuthorizationServerProperties;
import io.amagasa.authorization.RegisteredClientDefaults;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.OAuth2ClientRegistration;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import static org.assertj.core.api.Assertions.assertThat;

/** The client a registration creates (RFC 7591 §3.2.1; CIMD §5.1). */
class DynamicClientConverterTests {

	final DynamicClientConverter converter = new DynamicClientConverter(Set.of("mcp:tools", "offline_access"),
			new RegisteredClientDefaults(new AuthorizationServerProperties.Tokens(Duration.ofMinutes(10),
					Duration.ofDays(30), Duration.ofMinutes(2), Duration.ofSeconds(10))));

	@Test
	@DisplayName("A dcr_ client id, narrowed scopes, PKCE, consent, rotation, and no jwks_uri")
	void converted() {
		RegisteredClient client = this.converter.convert(OAuth2ClientRegistration.builder()
			.clientName("Example")
			.redirectUri("http://127.0.0.1/cb")
			.tokenEndpointAuthenticationMethod("none")
			.scope("mcp:tools")
			.scope("admin")
			.jwkSetUrl("https://client.example.com/jwks")
			.build());
		assertThat(client.getClientId()).matches("dcr_[A-Za-z0-9_-]{43}");
		assertThat(client.getScopes()).containsExactly("mcp:tools");
		assertThat(client.getClientAuthenticationMethods()).containsExactly(ClientAuthenticationMethod.NONE);
		assertThat(client.getClientSettings().isRequireProofKey()).isTrue();
		assertThat(client.getClientSettings().isRequireAuthorizationConsent()).isTrue();
		assertThat(client.getClientSettings().getJwkSetUrl()).isNull();
		assertThat(client.getTokenSettings().isReuseRefreshTokens()).isFalse();
		assertThat(client.getTokenSettings().getAccessTokenTimeToLive()).isEqualTo(Duration.ofMinutes(10));
	}

	@Test
	@DisplayName("Client ids are random and never look like Client Identifier URLs")
	void clientIds() {
		for (int i = 0; i < 1000; i++) {
			String clientId = DynamicClientId.generate();
			assertThat(clientId).startsWith("dcr_").doesNotStartWith("https://").hasSize(47);
			assertThat(DynamicClientId.is(clientId)).isTrue();
		}
		assertThat(DynamicClientId.generate()).isNotEqualTo(DynamicClientId.generate());
	}

}
