package io.amagasa.authorization.client.cimd;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Validation of a fetched document (AS-19..AS-22, AS-30) and the client built from it. */
class ClientIdMetadataDocumentTests {

	static final String CLIENT_ID = "https://client.example.com/oauth/client.json";

	static final ClientIdentifierUrl URL = ClientIdentifierUrl.parse(CLIENT_ID, false);

	static ClientIdMetadataDocument parse(String json) {
		return ClientIdMetadataDocument.parse(URL, json.getBytes(StandardCharsets.UTF_8));
	}

	static String refusal(String json) {
		return assertThatExceptionOfType(ClientMetadataDocumentException.class).isThrownBy(() -> parse(json))
			.actual()
			.getMessage();
	}

	/** A valid document with {@code extra} members appended. */
	static String document(String extra) {
		return """
				{"client_id": "%s", "client_name": "Example", "redirect_uris": ["https://client.example.com/cb"]%s}
				""".formatted(CLIENT_ID, extra.isEmpty() ? "" : ", " + extra);
	}

	@Test
	@DisplayName("A minimal valid document becomes a public PKCE client with authorization_code and refresh_token")
	void minimal() {
		RegisteredClient client = parse(document("")).toRegisteredClient(URL.registeredClientId(), Set.of("mcp:tools"),
				CimdFixtures.defaults());
		assertThat(client.getId()).isEqualTo(URL.registeredClientId());
		assertThat(client.getClientId()).isEqualTo(CLIENT_ID);
		assertThat(client.getClientName()).isEqualTo("Example");
		assertThat(client.getClientAuthenticationMethods()).containsExactly(ClientAuthenticationMethod.NONE);
		assertThat(client.getAuthorizationGrantTypes()).containsExactlyInAnyOrder(AuthorizationGrantType.AUTHORIZATION_CODE,
				AuthorizationGrantType.REFRESH_TOKEN);
		assertThat(client.getRedirectUris()).containsExactly("https://client.example.com/cb");
		assertThat(client.getClientSettings().isRequireProofKey()).isTrue();
		assertThat(client.getClientSettings().isRequireAuthorizationConsent()).isTrue();
		assertThat(client.getTokenSettings().isReuseRefreshTokens()).isFalse();
		assertThat(client.getClientSecret()).isNull();
		assertThat(client.getScopes()).as("no scope in the document: every allowed scope").containsExactly("mcp:tools");
	}

	@Test
	@DisplayName("The document's scope is narrowed to the allowed scopes")
	void scopesNarrowed() {
		RegisteredClient client = parse(document("\"scope\": \"mcp:tools admin\"")).toRegisteredClient("cimd_x",
				Set.of("mcp:tools", "offline_access"), CimdFixtures.defaults());
		assertThat(client.getScopes()).containsExactly("mcp:tools");
	}

	@Test
	@DisplayName("Declared grant types: refresh_token kept, others dropped; an https logo is kept for the consent page")
	void grantTypesAndLogo() {
		ClientIdMetadataDocument document = parse(document(
				"\"grant_types\": [\"authorization_code\", \"urn:ietf:params:oauth:grant-type:device_code\"], \"logo_uri\": \"https://client.example.com/logo.png\""));
		assertThat(document.grantTypes()).containsExactly(AuthorizationGrantType.AUTHORIZATION_CODE);
		RegisteredClient client = document.toRegisteredClient("cimd_x", Set.of(), CimdFixtures.defaults());
		assertThat(client.getClientSettings().<String>getSetting(ClientIdMetadataDocumentResolver.LOGO_URI_SETTING))
			.isEqualTo("https://client.example.com/logo.png");
		assertThat(parse(document("\"logo_uri\": \"http://client.example.com/logo.png\"")).logoUri()).isNull();
	}

	@Test
	@DisplayName("AS-30: loopback http redirect URIs are accepted, any port")
	void loopbackRedirects() {
		assertThat(parse("""
				{"client_id": "%s", "client_name": "Desktop", "redirect_uris": ["http://127.0.0.1/cb", "http://localhost:3000/cb", "http://[::1]/cb"]}
				""".formatted(CLIENT_ID)).redirectUris()).hasSize(3);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
			`"client_secret": "s3cret"`                              | the document contains client_secret; a metadata document cannot hold a shared secret
			`"client_secret_expires_at": 0`                          | the document contains client_secret_expires_at; a metadata document cannot hold a shared secret
			`"token_endpoint_auth_method": "client_secret_basic"`    | token_endpoint_auth_method client_secret_basic relies on a shared secret, which a metadata document cannot establish
			`"token_endpoint_auth_method": "client_secret_post"`     | token_endpoint_auth_method client_secret_post relies on a shared secret, which a metadata document cannot establish
			`"token_endpoint_auth_method": "client_secret_jwt"`      | token_endpoint_auth_method client_secret_jwt relies on a shared secret, which a metadata document cannot establish
			`"token_endpoint_auth_method": "private_key_jwt", "jwks_uri": "https://client.example.com/jwks"` | token_endpoint_auth_method private_key_jwt is not supported by this authorization server; use none
			`"token_endpoint_auth_method": "tls_client_auth"`        | token_endpoint_auth_method tls_client_auth is not supported; use none
			`"token_endpoint_auth_method": 1`                        | token_endpoint_auth_method must be a string
			`"jwks": {"keys": [{"kty": "EC", "crv": "P-256", "x": "a", "y": "b", "d": "private"}]}` | the document's jwks contains private key material
			`"jwks": {"keys": [{"kty": "oct", "k": "c2VjcmV0"}]}`   | the document's jwks contains private key material
			`"grant_types": ["refresh_token"]`                       | grant_types must include authorization_code
			`"grant_types": "authorization_code"`                    | grant_types must be an array of strings
			`"response_types": ["token"]`                            | response_types must include code
			`"scope": ["mcp:tools"]`                                 | scope must be a string of space-separated scopes
			""")
	@DisplayName("AS-22 and the grant rules: documents claiming shared secrets, private keys or other flows are refused")
	void refusedMembers(String member, String reason) {
		assertThat(refusal(document(member))).isEqualTo(reason);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
			`not json`                                                                                      | the document is not valid JSON
			`["https://client.example.com/oauth/client.json"]`                                              | the document is not a JSON object
			`{"client_name": "x", "redirect_uris": ["https://a.example/cb"]}`                               | the document has no client_id
			`{"client_id": "https://client.example.com/other.json", "client_name": "x", "redirect_uris": ["https://a.example/cb"]}` | the document's client_id does not match the URL it was fetched from
			`{"client_id": "https://client.example.com:443/oauth/client.json", "client_name": "x", "redirect_uris": ["https://a.example/cb"]}` | the document's client_id does not match the URL it was fetched from
			`{"client_id": "https://client.example.com/oauth/client.json", "redirect_uris": ["https://a.example/cb"]}` | the document has no client_name
			`{"client_id": "https://client.example.com/oauth/client.json", "client_name": " ", "redirect_uris": ["https://a.example/cb"]}` | the document has no client_name
			`{"client_id": "https://client.example.com/oauth/client.json", "client_name": "x"}`             | the document has no redirect_uris
			`{"client_id": "https://client.example.com/oauth/client.json", "client_name": "x", "redirect_uris": []}` | redirect_uris must be a non-empty array of strings
			`{"client_id": "https://client.example.com/oauth/client.json", "client_name": "x", "redirect_uris": "https://a.example/cb"}` | redirect_uris must be a non-empty array of strings
			`{"client_id": "https://client.example.com/oauth/client.json", "client_name": "x", "redirect_uris": [1]}` | redirect_uris must be a non-empty array of strings
			`{"client_id": "https://client.example.com/oauth/client.json", "client_name": "x", "redirect_uris": ["http://a.example/cb"]}` | redirect_uri 'http://a.example/cb' must use https, or http on a loopback host
			`{"client_id": "https://client.example.com/oauth/client.json", "client_name": "x", "redirect_uris": ["com.example.app:/cb"]}` | redirect_uri 'com.example.app:/cb' must use https, or http on a loopback host
			`{"client_id": "https://client.example.com/oauth/client.json", "client_name": "x", "redirect_uris": ["/cb"]}` | redirect_uri '/cb' must use https, or http on a loopback host
			`{"client_id": "https://client.example.com/oauth/client.json", "client_name": "x", "redirect_uris": ["https://a.example/cb#x"]}` | redirect_uri 'https://a.example/cb#x' must not contain a fragment
			`{"client_id": "https://client.example.com/oauth/client.json", "client_id": "https://client.example.com/oauth/client.json", "client_name": "x", "redirect_uris": ["https://a.example/cb"]}` | the document is not valid JSON
			""")
	@DisplayName("AS-19, AS-20, AS-30: client_id must match exactly; client_name and https/loopback redirect_uris are required")
	void refusedDocuments(String json, String reason) {
		assertThat(refusal(json)).isEqualTo(reason);
	}

}
