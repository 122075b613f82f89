package io.amagasa.server.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.amagasa.authorization.AuthorizationServerProperties.SignatureProvider;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code amagasa.auth.*} settings: who may call the MCP endpoint. Validated at start-up.
 *
 * @param mode where tokens come from: {@code embedded} (the built-in authorization server, the default),
 * {@code external} (any standards-compliant issuer), {@code entra} (Microsoft Entra ID) or {@code none}
 * (loopback development and the conformance run only)
 * @param external the trusted issuer(s) of {@code external} mode
 * @param entra the Entra ID profile of {@code entra} mode
 * @param policy scopes per tool, the scope hierarchy and the allow-lists; in {@code entra} mode a scope
 * that is not a URI is qualified with the Application ID URI ({@code weather.read} becomes
 * {@code api://…/weather.read}), as Entra names delegated scopes
 * @param token token-verification limits
 * @param sslBundle the Spring Boot SSL bundle ({@code spring.ssl.bundle.*}) of the resource server's own
 * connections to authorization servers (JWK sets, metadata, introspection): its trust material replaces
 * the JVM's trust store (for an issuer behind a private certificate authority), its key material is the
 * client certificate of mutual TLS; a bundle reloaded on update applies from the next connection on;
 * unset: the JVM's defaults
 */
@ConfigurationProperties("amagasa.auth")
public record AuthProperties(@DefaultValue("embedded") AuthMode mode, @DefaultValue External external,
		@DefaultValue Entra entra, @DefaultValue Policy policy, @DefaultValue Token token, String sslBundle) {

	public enum AuthMode {

		/**
		 * Tokens from the embedded authorization server ({@code amagasa.authorization-server.*}), its state
		 * in the database ({@code amagasa.data-dir} or {@code spring.datasource.url}).
		 */
		EMBEDDED,
		/** Tokens from any standards-compliant issuer (JWKS or RFC 7662 introspection). */
		EXTERNAL,
		/** Tokens from Microsoft Entra ID, v1 and v2. */
		ENTRA,
		/** No authorization: loopback only. */
		NONE

	}

	/**
	 * @param issuer the issuer identifier, exactly as in its tokens' {@code iss} and its metadata
	 * @param jwkSetUri the JWKS URL; unset: discovered from the issuer's metadata
	 * @param audiences accepted {@code aud} values besides the resource URL (aliases)
	 * @param requireAtJwtType whether tokens must be typed {@code at+jwt} (RFC 9068)
	 * @param introspection RFC 7662 introspection for opaque tokens; unset: JWTs only
	 * @param additionalIssuers further trusted issuers, each with the same settings
	 */
	public record External(String issuer, URI jwkSetUri, @DefaultValue List<String> audiences,
			@DefaultValue("false") boolean requireAtJwtType, Introspection introspection,
			@DefaultValue List<Issuer> additionalIssuers) {

	}

	public record Issuer(String issuer, URI jwkSetUri, @DefaultValue List<String> audiences,
			@DefaultValue("false") boolean requireAtJwtType, Introspection introspection) {

	}

	public record Introspection(URI endpoint, String clientId, String clientSecret) {

		@Override
		public String toString() {
			return "Introspection[endpoint=" + this.endpoint + ", clientId=" + this.clientId + ", clientSecret=****]";
		}

	}

	/**
	 * @param tenantId the tenant GUID (or {@code organizations} for a multi-tenant API)
	 * @param clientId the API app registration's application (client) id
	 * @param identifierUri the Application ID URI; unset: {@code api://{clientId}}
	 * @param allowedClientApplications client apps allowed to call (e.g. VS Code
	 * {@code aebc6443-996d-45c2-90f0-388ff96faa56}); empty allows any
	 * @param allowedTenants tenants allowed to call a multi-tenant API
	 * @param acceptedTokenVersions 1, 2 or both
	 * @param authorityBase the Entra authority; a sovereign cloud or a test server
	 */
	public record Entra(String tenantId, String clientId, String identifierUri,
			@DefaultValue List<String> allowedClientApplications, @DefaultValue List<String> allowedTenants,
			@DefaultValue({ "1", "2" }) Set<Integer> acceptedTokenVersions,
			@DefaultValue("https://login.microsoftonline.com") URI authorityBase) {

	}

	/**
	 * @param requiredScopes scopes every MCP request needs; a 401 challenge asks for them
	 * @param toolScopes scopes each tool needs on top of {@code requiredScopes}
	 * @param defaultToolScopes what a tool with no {@code toolScopes} entry needs
	 * @param scopeHierarchy broader scopes and the narrower scopes each implies (RS-17)
	 * @param scopesSupported the metadata's {@code scopes_supported}; unset: every scope named above
	 * @param challengeScopes what a 401 challenge asks for (RS-09); unset: {@code requiredScopes}
	 * @param allowedClients client ids ({@code client_id}/{@code azp}/{@code appid}) allowed; empty: any
	 * @param allowedTenants tenant ids ({@code tid}) allowed; empty: any
	 * @param requiredRoles the caller needs one of these roles; empty: none needed
	 * @param requiredGroups the caller needs one of these groups; empty: none needed
	 * @param hideUnauthorizedTools whether tools/list shows only the tools the caller may call
	 */
	public record Policy(@DefaultValue List<String> requiredScopes,
			@DefaultValue Map<String, List<String>> toolScopes, @DefaultValue List<String> defaultToolScopes,
			@DefaultValue Map<String, List<String>> scopeHierarchy, @DefaultValue List<String> scopesSupported,
			@DefaultValue List<String> challengeScopes, @DefaultValue List<String> allowedClients, @DefaultValue List<String> allowedTenants,
			@DefaultValue List<String> requiredRoles, @DefaultValue List<String> requiredGroups,
			@DefaultValue("true") boolean hideUnauthorizedTools) {

	}

	/**
	 * @param clockSkew tolerance for {@code exp}/{@code nbf} (at most 5 minutes)
	 * @param maxTokenBytes the largest token accepted
	 * @param cacheValidatedTokens whether a token already verified is trusted until it expires without
	 * checking its signature again
	 * @param maxRequestBytes the largest MCP request body accepted
	 * @param signatureProvider who checks token signatures: {@code auto} (AWS-LC where its native library
	 * loads, else the JDK), {@code native} (AWS-LC or no start), {@code jdk}; the same rule as the embedded
	 * authorization server's {@code keys.signature-provider}
	 */
	public record Token(@DefaultValue("30s") Duration clockSkew, @DefaultValue("16384") int maxTokenBytes,
			@DefaultValue("true") boolean cacheValidatedTokens, @DefaultValue("1048576") int maxRequestBytes,
			@DefaultValue("auto") SignatureProvider signatureProvider) {

	}

}
