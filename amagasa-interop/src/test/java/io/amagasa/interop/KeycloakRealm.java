package io.amagasa.interop;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Keycloak realm set up, through the admin REST API, as the authorization server of an MCP server:
 * <ul>
 * <li>the user {@value #USERNAME} with a password (and a complete profile, so the login asks for nothing
 * else);</li>
 * <li>the client scopes {@code weather.read}, {@code weather.alerts} and {@code weather.forecast}, optional
 * for every client (realm default optional scopes), each carrying an Audience mapper that puts the MCP
 * resource URL into the access token's {@code aud}. Keycloak ignores RFC 8707 {@code resource}, so this is
 * how its tokens become tokens for the MCP server (RS-20). The mapper sits on the API's scopes rather than
 * only on a realm default scope because a client registered dynamically with a {@code scope} gets exactly
 * the scopes it asked for (plus {@code basic}) and none of the realm defaults;</li>
 * <li>the pre-registered public client {@value #PUBLIC_CLIENT}: authorization code with PKCE S256 required,
 * redirect {@code http://127.0.0.1/*} (Keycloak matches any port on the loopback address);</li>
 * <li>the confidential client {@value #SERVICE_CLIENT} (client credentials), whose tokens have no weather
 * scope and therefore not the MCP server's audience;</li>
 * <li>anonymous dynamic client registration allowed from 127.0.0.1 and localhost (the "Trusted Hosts"
 * registration policy; Keycloak's "Consent Required" policy stays, so such clients show a consent
 * page).</li>
 * </ul>
 */
final class KeycloakRealm {

	static final String NAME = "amagasa";

	static final String USERNAME = "alice";

	static final String PASSWORD = "alice-" + Long.toHexString(System.nanoTime());

	static final String PUBLIC_CLIENT = "amagasa-interop-public";

	static final String SERVICE_CLIENT = "no-audience-service";

	static final String SERVICE_SECRET = "secret-" + Long.toHexString(System.nanoTime());

	static final List<String> WEATHER_SCOPES = List.of("weather.read", "weather.alerts", "weather.forecast");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final KeycloakServer keycloak;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private String adminToken;

	private KeycloakRealm(KeycloakServer keycloak) {
		this.keycloak = keycloak;
	}

	/** Creates the realm, for an MCP server whose resource identifier is {@code mcpResource}. */
	static KeycloakRealm create(KeycloakServer keycloak, String mcpResource) throws IOException, InterruptedException {
		KeycloakRealm realm = new KeycloakRealm(keycloak);
		realm.adminToken = realm.adminToken();
		realm.configure(mcpResource);
		return realm;
	}

	String issuer() {
		return this.keycloak.issuer(NAME);
	}

	/** The RFC 8414 metadata URL of the realm (well-known segment inserted before the issuer's path). */
	String metadataUrl() {
		return this.keycloak.baseUrl() + "/.well-known/oauth-authorization-server/realms/" + NAME;
	}

	String tokenEndpoint() {
		return issuer() + "/protocol/openid-connect/token";
	}

	String authorizationEndpoint() {
		return issuer() + "/protocol/openid-connect/auth";
	}

	/** A client-credentials token of {@value #SERVICE_CLIENT}: Keycloak-signed, but not for the MCP server. */
	JsonNode serviceToken() throws IOException, InterruptedException {
		return tokenRequest(Map.of("grant_type", "client_credentials", "client_id", SERVICE_CLIENT, "client_secret",
				SERVICE_SECRET));
	}

	/** The token endpoint's answer to a form POST; fails with Keycloak's answer unless it is 200. */
	JsonNode tokenRequest(Map<String, String> form) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(tokenEndpoint()))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form(form)))
			.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("Keycloak's token endpoint answered " + response.statusCode() + ": "
					+ response.body() + "\n--- Keycloak log\n" + this.keycloak.output());
		}
		return JSON.readTree(response.body());
	}

	private void configure(String mcpResource) throws IOException, InterruptedException {
		admin("POST", "/admin/realms", Map.of("realm", NAME, "enabled", true, "displayName", "Amagasa interop"), 201);
		String realm = "/admin/realms/" + NAME;
		for (String scope : WEATHER_SCOPES) {
			String id = idFromLocation(admin("POST", realm + "/client-scopes", Map.of("name", scope, "protocol",
					"openid-connect", "description", "Amagasa weather tools (" + scope + ")", "attributes",
					Map.of("include.in.token.scope", "true", "display.on.consent.screen", "true"), "protocolMappers",
					List.of(audienceMapper(mcpResource))), 201));
			admin("PUT", realm + "/default-optional-client-scopes/" + id, null, 204);
		}
		Map<String, Object> user = new LinkedHashMap<>();
		user.put("username", USERNAME);
		user.put("enabled", true);
		user.put("email", USERNAME + "@example.com");
		user.put("emailVerified", true);
		user.put("firstName", "Alice");
		user.put("lastName", "Interop");
		user.put("credentials", List.of(Map.of("type", "password", "value", PASSWORD, "temporary", false)));
		admin("POST", realm + "/users", user, 201);
		Map<String, Object> publicClient = new LinkedHashMap<>();
		publicClient.put("clientId", PUBLIC_CLIENT);
		publicClient.put("name", "Amagasa interop (pre-registered public client)");
		publicClient.put("publicClient", true);
		publicClient.put("standardFlowEnabled", true);
		publicClient.put("directAccessGrantsEnabled", false);
		publicClient.put("implicitFlowEnabled", false);
		publicClient.put("redirectUris", List.of("http://127.0.0.1/*"));
		publicClient.put("attributes", Map.of("pkce.code.challenge.method", "S256"));
		admin("POST", realm + "/clients", publicClient, 201);
		Map<String, Object> serviceClient = new LinkedHashMap<>();
		serviceClient.put("clientId", SERVICE_CLIENT);
		serviceClient.put("publicClient", false);
		serviceClient.put("secret", SERVICE_SECRET);
		serviceClient.put("serviceAccountsEnabled", true);
		serviceClient.put("standardFlowEnabled", false);
		serviceClient.put("directAccessGrantsEnabled", false);
		admin("POST", realm + "/clients", serviceClient, 201);
		allowAnonymousRegistrationFromLoopback(realm);
	}

	private static Map<String, Object> audienceMapper(String mcpResource) {
		return Map.of("name", "mcp-resource-audience", "protocol", "openid-connect", "protocolMapper",
				"oidc-audience-mapper", "config", Map.of("included.custom.audience", mcpResource, "access.token.claim",
						"true", "id.token.claim", "false", "introspection.token.claim", "true"));
	}

	/** Keycloak rejects anonymous registration ("Host not trusted") until the hosts are listed. */
	private void allowAnonymousRegistrationFromLoopback(String realm) throws IOException, InterruptedException {
		JsonNode policies = JSON.readTree(admin("GET", realm
				+ "/components?type=org.keycloak.services.clientregistration.policy.ClientRegistrationPolicy", null, 200)
			.body());
		for (JsonNode policy : policies) {
			if ("trusted-hosts".equals(policy.path("providerId").asString())
					&& "anonymous".equals(policy.path("subType").asString())) {
				ObjectNode updated = (ObjectNode) policy;
				ObjectNode config = (ObjectNode) updated.path("config");
				config.set("trusted-hosts", JSON.valueToTree(List.of("127.0.0.1", "localhost")));
				config.set("host-sending-registration-request-must-match", JSON.valueToTree(List.of("true")));
				config.set("client-uris-must-match", JSON.valueToTree(List.of("true")));
				admin("PUT", realm + "/components/" + policy.path("id").asString(), updated, 204);
				return;
			}
		}
		throw new IllegalStateException("No anonymous 'Trusted Hosts' registration policy in " + policies);
	}

	private String adminToken() throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create(this.keycloak.baseUrl() + "/realms/master/protocol/openid-connect/token"))
					.timeout(Duration.ofSeconds(30))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString(form(Map.of("grant_type", "password", "client_id",
							"admin-cli", "username", KeycloakServer.ADMIN_USERNAME, "password",
							KeycloakServer.ADMIN_PASSWORD))))
					.build(),
				HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != 200) {
			throw new IllegalStateException("No Keycloak admin token: " + response.statusCode() + " " + response.body());
		}
		return JSON.readTree(response.body()).path("access_token").asString();
	}

	private HttpResponse<String> admin(String method, String path, Object body, int expectedStatus)
			throws IOException, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.keycloak.baseUrl() + path))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", "Bearer " + this.adminToken);
		if (body != null) {
			request.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() != expectedStatus) {
			throw new IllegalStateException("Keycloak admin API: " + method + " " + path + " answered "
					+ response.statusCode() + " (expected " + expectedStatus + "): " + response.body());
		}
		return response;
	}

	private static String idFromLocation(HttpResponse<String> created) {
		String location = created.headers().firstValue("Location").orElseThrow(
				() -> new IllegalStateException("Keycloak created " + created.uri() + " without a Location header"));
		return location.substring(location.lastIndexOf('/') + 1);
	}

	static String form(Map<String, String> form) {
		return form.entrySet()
			.stream()
			.map(entry -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
					+ URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
	}

}
