package io.amagasa.authorization.client.cimd;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.amagasa.authorization.RegisteredClientDefaults;
import io.amagasa.authorization.client.LoopbackHost;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;

/**
 * A Client ID Metadata Document that passed every check (CIMD §4, AS-19..AS-22, AS-30). Parsing it
 * refuses a document that
 * <ul>
 * <li>is not a JSON object (duplicate member names included: they make a document mean two things);</li>
 * <li>has a {@code client_id} other than the URL it was fetched from, by simple string comparison
 * (AS-19, RFC 3986 §6.2.1);</li>
 * <li>lacks {@code client_name} or a non-empty {@code redirect_uris} (AS-20);</li>
 * <li>has a redirect URI that is not absolute, has a fragment, or is neither {@code https} nor
 * {@code http} on a loopback host (AS-30);</li>
 * <li>holds {@code client_secret} or {@code client_secret_expires_at}, or declares a shared-secret
 * {@code token_endpoint_auth_method}, or publishes private key material in {@code jwks} (AS-22,
 * CIMD §4.1);</li>
 * <li>declares {@code private_key_jwt}: we refuse it rather than half-support it. Spring Authorization
 * Server would fetch the {@code jwks_uri} with its own HTTP client, outside the SSRF guard CIMD §6.5
 * requires for every URL in the document, and it cannot use an inline {@code jwks} at all. Such clients
 * must use {@code none} (the default) with PKCE;</li>
 * <li>lists {@code grant_types} without {@code authorization_code} or {@code response_types} without
 * {@code code}.</li>
 * </ul>
 * Grant types other than {@code authorization_code} and {@code refresh_token} are dropped rather than
 * refused (RFC 7591 §3.2.1 lets the server replace requested values); without {@code grant_types} the
 * client gets both.
 *
 * @param clientId the Client Identifier URL
 * @param clientName {@code client_name}
 * @param redirectUris {@code redirect_uris}, in document order
 * @param grantTypes the grant types the client gets
 * @param scopes the document's {@code scope} tokens; {@code null} when the document has no {@code scope}
 * @param logoUri {@code logo_uri} when it is an absolute https URL; otherwise {@code null}
 */
record ClientIdMetadataDocument(String clientId, String clientName, List<String> redirectUris,
		Set<AuthorizationGrantType> grantTypes, Set<String> scopes, URI logoUri) {

	private static final JsonMapper JSON = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	private static final Set<String> SHARED_SECRET_METHODS = Set.of("client_secret_basic", "client_secret_post",
			"client_secret_jwt");

	/** JWK members that carry private or symmetric key material (RFC 7518 §6.2.2, §6.3.2, §6.4). */
	private static final Set<String> PRIVATE_KEY_MEMBERS = Set.of("d", "p", "q", "dp", "dq", "qi", "oth", "k");

	/**
	 * @param url the URL the document was fetched from
	 * @param body the document's bytes
	 * @return the validated document
	 * @throws ClientMetadataDocumentException naming the first rule the document breaks
	 */
	static ClientIdMetadataDocument parse(ClientIdentifierUrl url, byte[] body) {
		JsonNode root;
		try {
			root = JSON.readTree(body);
		}
		catch (JacksonException ex) {
			throw new ClientMetadataDocumentException("the document is not valid JSON");
		}
		if (root == null || !root.isObject()) {
			throw new ClientMetadataDocumentException("the document is not a JSON object");
		}
		String clientId = requiredString(root, "client_id");
		if (!clientId.equals(url.value())) {
			throw new ClientMetadataDocumentException("the document's client_id does not match the URL it was fetched from");
		}
		refuseSharedSecrets(root);
		String clientName = requiredString(root, "client_name");
		List<String> redirectUris = redirectUris(root);
		Set<AuthorizationGrantType> grantTypes = grantTypes(root);
		requireCodeResponseType(root);
		return new ClientIdMetadataDocument(clientId, clientName, redirectUris, grantTypes, scopes(root),
				logoUri(root));
	}

	/**
	 * The client Spring Authorization Server works with: a public client (authentication {@code none})
	 * with the settings of every client (PKCE, refresh-token rotation, token lifetimes) that must ask the
	 * user for consent.
	 * @param id the stable {@link RegisteredClient#getId() id} of this client id
	 * @param allowedScopes the scopes metadata-document clients may have
	 * @param defaults the client and token settings every client gets
	 */
	RegisteredClient toRegisteredClient(String id, Set<String> allowedScopes, RegisteredClientDefaults defaults) {
		Set<String> granted = new LinkedHashSet<>(allowedScopes);
		if (this.scopes != null) {
			granted.retainAll(this.scopes);
		}
		ClientSettings.Builder settings = ClientSettings.withSettings(defaults.clientSettings(true).getSettings());
		if (this.logoUri != null) {
			settings.setting(ClientIdMetadataDocumentResolver.LOGO_URI_SETTING, this.logoUri.toString());
		}
		return RegisteredClient.withId(id)
			.clientId(this.clientId)
			.clientName(this.clientName)
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantTypes(types -> types.addAll(this.grantTypes))
			.redirectUris(uris -> uris.addAll(this.redirectUris))
			.scopes(scopes -> scopes.addAll(granted))
			.clientSettings(settings.build())
			.tokenSettings(defaults.tokenSettings())
			.build();
	}

	private static void refuseSharedSecrets(JsonNode root) {
		for (String member : List.of("client_secret", "client_secret_expires_at")) {
			if (root.has(member)) {
				throw new ClientMetadataDocumentException(
						"the document contains " + member + "; a metadata document cannot hold a shared secret");
			}
		}
		JsonNode method = root.get("token_endpoint_auth_method");
		if (method != null) {
			if (!method.isString()) {
				throw new ClientMetadataDocumentException("token_endpoint_auth_method must be a string");
			}
			String value = method.stringValue();
			if (SHARED_SECRET_METHODS.contains(value)) {
				throw new ClientMetadataDocumentException("token_endpoint_auth_method " + value
						+ " relies on a shared secret, which a metadata document cannot establish");
			}
			if (value.equals("private_key_jwt")) {
				throw new ClientMetadataDocumentException(
						"token_endpoint_auth_method private_key_jwt is not supported by this authorization server; use none");
			}
			if (!value.equals("none")) {
				throw new ClientMetadataDocumentException(
						"token_endpoint_auth_method " + abbreviate(value) + " is not supported; use none");
			}
		}
		JsonNode keys = root.path("jwks").path("keys");
		for (JsonNode key : keys) {
			for (String member : PRIVATE_KEY_MEMBERS) {
				if (key.has(member)) {
					throw new ClientMetadataDocumentException("the document's jwks contains private key material");
				}
			}
		}
	}

	private static List<String> redirectUris(JsonNode root) {
		JsonNode uris = root.get("redirect_uris");
		if (uris == null) {
			throw new ClientMetadataDocumentException("the document has no redirect_uris");
		}
		if (!uris.isArray() || uris.isEmpty()) {
			throw new ClientMetadataDocumentException("redirect_uris must be a non-empty array of strings");
		}
		List<String> result = new ArrayList<>();
		for (JsonNode uri : uris) {
			if (!uri.isString()) {
				throw new ClientMetadataDocumentException("redirect_uris must be a non-empty array of strings");
			}
			result.add(requireHttpsOrLoopback(uri.stringValue()));
		}
		return List.copyOf(result);
	}

	/** AS-30: "All redirect URIs MUST be either localhost or use HTTPS". */
	private static String requireHttpsOrLoopback(String redirectUri) {
		URI uri;
		try {
			uri = new URI(redirectUri);
		}
		catch (URISyntaxException ex) {
			throw new ClientMetadataDocumentException("redirect_uri '" + abbreviate(redirectUri) + "' is not a valid URI");
		}
		if (uri.getRawFragment() != null) {
			throw new ClientMetadataDocumentException(
					"redirect_uri '" + abbreviate(redirectUri) + "' must not contain a fragment");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		boolean https = scheme.equals("https") && uri.getHost() != null;
		boolean loopbackHttp = scheme.equals("http") && LoopbackHost.is(uri.getHost());
		if (!https && !loopbackHttp) {
			throw new ClientMetadataDocumentException(
					"redirect_uri '" + abbreviate(redirectUri) + "' must use https, or http on a loopback host");
		}
		return redirectUri;
	}

	private static Set<AuthorizationGrantType> grantTypes(JsonNode root) {
		JsonNode grantTypes = root.get("grant_types");
		if (grantTypes == null) {
			return Set.of(AuthorizationGrantType.AUTHORIZATION_CODE, AuthorizationGrantType.REFRESH_TOKEN);
		}
		Set<String> declared = strings(grantTypes, "grant_types");
		if (!declared.contains(AuthorizationGrantType.AUTHORIZATION_CODE.getValue())) {
			throw new ClientMetadataDocumentException("grant_types must include authorization_code");
		}
		Set<AuthorizationGrantType> result = new LinkedHashSet<>();
		result.add(AuthorizationGrantType.AUTHORIZATION_CODE);
		if (declared.contains(AuthorizationGrantType.REFRESH_TOKEN.getValue())) {
			result.add(AuthorizationGrantType.REFRESH_TOKEN);
		}
		return Set.copyOf(result);
	}

	private static void requireCodeResponseType(JsonNode root) {
		JsonNode responseTypes = root.get("response_types");
		if (responseTypes != null && !strings(responseTypes, "response_types").contains("code")) {
			throw new ClientMetadataDocumentException("response_types must include code");
		}
	}

	private static Set<String> scopes(JsonNode root) {
		JsonNode scope = root.get("scope");
		if (scope == null) {
			return null;
		}
		if (!scope.isString()) {
			throw new ClientMetadataDocumentException("scope must be a string of space-separated scopes");
		}
		Set<String> result = new LinkedHashSet<>();
		for (String token : scope.stringValue().split(" ")) {
			if (!token.isEmpty()) {
				result.add(token);
			}
		}
		return Set.copyOf(result);
	}

	private static URI logoUri(JsonNode root) {
		JsonNode logo = root.get("logo_uri");
		if (logo == null || !logo.isString()) {
			return null;
		}
		try {
			URI uri = new URI(logo.stringValue());
			return ("https".equalsIgnoreCase(uri.getScheme()) && uri.getHost() != null) ? uri : null;
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	private static String requiredString(JsonNode root, String member) {
		JsonNode value = root.get(member);
		if (value == null || !value.isString() || value.stringValue().isBlank()) {
			throw new ClientMetadataDocumentException("the document has no " + member);
		}
		return value.stringValue();
	}

	private static Set<String> strings(JsonNode array, String member) {
		if (!array.isArray()) {
			throw new ClientMetadataDocumentException(member + " must be an array of strings");
		}
		Set<String> result = new LinkedHashSet<>();
		for (JsonNode value : array) {
			if (!value.isString()) {
				throw new ClientMetadataDocumentException(member + " must be an array of strings");
			}
			result.add(value.stringValue());
		}
		return result;
	}

	/** Values from the document appear in messages, bounded so that they cannot flood a page or a log. */
	private static String abbreviate(String value) {
		return (value.length() <= 100) ? value : value.substring(0, 100) + "…";
	}

}
