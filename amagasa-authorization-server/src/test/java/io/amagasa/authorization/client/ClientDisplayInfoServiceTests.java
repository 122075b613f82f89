package io.amagasa.authorization.client;

import java.net.URI;

import io.amagasa.authorization.client.ClientDisplayInfo.Registration;
import io.amagasa.authorization.client.cimd.ClientIdMetadataDocumentResolver;
import io.amagasa.authorization.client.cimd.ClientIdentifierUrl;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

import static org.assertj.core.api.Assertions.assertThat;

/** What the consent page may show about a client (AS-25, AS-26, AS-33; CIMD §6.4). */
class ClientDisplayInfoServiceTests {

	final ClientDisplayInfoService service = new ClientDisplayInfoService();

	static RegisteredClient.Builder client(String id, String clientId, String... redirectUris) {
		RegisteredClient.Builder builder = RegisteredClient.withId(id)
			.clientId(clientId)
			.clientName("Example")
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE);
		for (String redirectUri : redirectUris) {
			builder.redirectUri(redirectUri);
		}
		return builder;
	}

	@Test
	@DisplayName("CIMD §6.4: a metadata-document client shows its client_id host, redirect hosts and logo")
	void metadataDocumentClient() {
		String clientId = "https://client.example.com/oauth/client.json";
		RegisteredClient client = client(ClientIdentifierUrl.parse(clientId, false).registeredClientId(), clientId,
				"https://app.example.com/cb")
			.clientSettings(ClientSettings.builder()
				.setting(ClientIdMetadataDocumentResolver.LOGO_URI_SETTING, "https://client.example.com/logo.png")
				.build())
			.build();
		ClientDisplayInfo info = this.service.forClient(client);
		assertThat(info.registration()).isEqualTo(Registration.CLIENT_ID_METADATA_DOCUMENT);
		assertThat(info.clientIdHost()).isEqualTo("client.example.com");
		assertThat(info.redirectHosts()).containsExactly("app.example.com");
		assertThat(info.localhostRedirectsOnly()).isFalse();
		assertThat(info.logoUri()).isEqualTo(URI.create("https://client.example.com/logo.png"));
		assertThat(info.clientName()).isEqualTo("Example");
	}

	@Test
	@DisplayName("AS-25: a client redirecting only to loopback is flagged; a private-use scheme shows as its scheme")
	void dynamicallyRegisteredClients() {
		ClientDisplayInfo loopback = this.service.forClient(client("1", "dcr_abc", "http://127.0.0.1/cb",
				"http://localhost:3000/cb", "http://[::1]/cb").build());
		assertThat(loopback.registration()).isEqualTo(Registration.DYNAMIC_REGISTRATION);
		assertThat(loopback.localhostRedirectsOnly()).isTrue();
		assertThat(loopback.redirectHosts()).containsExactlyInAnyOrder("127.0.0.1", "localhost", "[::1]");
		assertThat(loopback.clientIdHost()).isNull();
		assertThat(loopback.logoUri()).isNull();

		ClientDisplayInfo mixed = this.service.forClient(client("2", "dcr_def", "http://127.0.0.1/cb",
				"com.example.app:/oauth2redirect").build());
		assertThat(mixed.localhostRedirectsOnly()).isFalse();
		assertThat(mixed.redirectHosts()).containsExactlyInAnyOrder("127.0.0.1", "com.example.app:");
	}

	@Test
	@DisplayName("A pre-registered client is shown as such; under a Client Identifier URL (CIMD §5.2) with its host")
	void preRegisteredClient() {
		ClientDisplayInfo info = this.service.forClient(client("3", "mcp-inspector", "https://inspector.example/cb").build());
		assertThat(info.registration()).isEqualTo(Registration.PRE_REGISTERED);
		assertThat(info.clientIdHost()).isNull();
		assertThat(info.logoUri()).isNull();
		ClientDisplayInfo onboarded = this.service
			.forClient(client("4", "https://onboarded.example.com/client.json", "https://onboarded.example.com/cb").build());
		assertThat(onboarded.registration()).isEqualTo(Registration.PRE_REGISTERED);
		assertThat(onboarded.clientIdHost()).isEqualTo("onboarded.example.com");
	}

}
