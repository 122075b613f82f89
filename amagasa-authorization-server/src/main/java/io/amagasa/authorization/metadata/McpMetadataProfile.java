package io.amagasa.authorization.metadata;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import io.amagasa.authorization.AuthorizationServerProperties;
import io.amagasa.authorization.resource.ProtectedResources;

/**
 * What the metadata documents (RFC 8414 and OpenID Connect Discovery) say about this server, replacing
 * Spring Authorization Server's defaults, which advertise grants and client authentication methods this
 * server does not accept. Applied to the claims of both documents (AS-03, AS-05, AS-06).
 */
public final class McpMetadataProfile implements Consumer<Map<String, Object>> {

	private static final List<String> SECRET_METHODS = List.of("client_secret_basic", "client_secret_post");

	private final List<String> scopes;

	private final boolean metadataDocuments;

	/**
	 * @param metadataDocuments whether Client ID Metadata Documents are accepted (AS-16: then the metadata
	 * says so)
	 */
	public McpMetadataProfile(ProtectedResources resources, boolean metadataDocuments) {
		this.metadataDocuments = metadataDocuments;
		List<String> scopes = new ArrayList<>(resources.scopes());
		AuthorizationServerProperties.SERVER_SCOPES.stream().sorted().forEach(scopes::add);
		this.scopes = List.copyOf(scopes);
	}

	@Override
	public void accept(Map<String, Object> claims) {
		claims.put("response_types_supported", List.of("code"));
		claims.put("grant_types_supported", List.of("authorization_code", "refresh_token"));
		// public clients authenticate by client_id alone (with PKCE, and rotation for refresh: AS-01, AS-13)
		claims.put("token_endpoint_auth_methods_supported", withNone());
		claims.put("revocation_endpoint_auth_methods_supported", withNone());
		claims.put("introspection_endpoint_auth_methods_supported", SECRET_METHODS);
		claims.put("code_challenge_methods_supported", List.of("S256"));
		// the resources' scopes, openid (ID tokens) and offline_access (accepted; refresh tokens follow
		// the client's grant types)
		claims.put("scopes_supported", this.scopes);
		claims.put("authorization_response_iss_parameter_supported", true);
		claims.put("client_id_metadata_document_supported", this.metadataDocuments);
		claims.remove("tls_client_certificate_bound_access_tokens");
		claims.remove("dpop_signing_alg_values_supported");
	}

	private static List<String> withNone() {
		List<String> methods = new ArrayList<>();
		methods.add("none");
		methods.addAll(SECRET_METHODS);
		return methods;
	}

}
