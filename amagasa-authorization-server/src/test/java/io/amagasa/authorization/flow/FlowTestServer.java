package io.amagasa.authorization.flow;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.amagasa.authorization.testing.BrowserLogin;
import io.amagasa.authorization.testing.OAuthClient;
import io.amagasa.authorization.testing.TestAuthorizationServerApplication;
import io.amagasa.authorization.testing.TestServer;

/**
 * The authorization server the flow tests share: an in-memory H2 database, two protected resources, one user
 * and a client of each kind.
 */
final class FlowTestServer {

	static final String USER = "alice";

	static final String PASSWORD = "correct-horse-battery";

	static final String OTHER_RESOURCE = "https://other.example/mcp";

	static final String LOOPBACK_CALLBACK = "http://127.0.0.1/callback";

	static final String WEB_CALLBACK = "https://app.example/callback";

	private FlowTestServer() {
	}

	static Map<String, Object> settings(int port, Map<String, Object> overrides) {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("spring.datasource.url", "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		settings.put("amagasa.authorization-server.users.admin-username", USER);
		settings.put("amagasa.authorization-server.users.admin-password", PASSWORD);
		settings.put("amagasa.authorization-server.resources[0].uri", "http://localhost:" + port + "/mcp");
		settings.put("amagasa.authorization-server.resources[0].name", "Weather");
		settings.put("amagasa.authorization-server.resources[0].scopes", "weather.read,weather.alerts");
		settings.put("amagasa.authorization-server.resources[1].uri", OTHER_RESOURCE);
		settings.put("amagasa.authorization-server.resources[1].scopes", "other.read");
		client(settings, 0, "public-cli", null, LOOPBACK_CALLBACK + ",http://localhost/callback");
		client(settings, 1, "web-app", "web-secret-123", WEB_CALLBACK);
		client(settings, 2, "post-app", "post-secret-456", WEB_CALLBACK);
		settings.put("amagasa.authorization-server.registered-clients[2].client-authentication-methods", "client_secret_post");
		client(settings, 3, "no-refresh", null, LOOPBACK_CALLBACK);
		settings.put("amagasa.authorization-server.registered-clients[3].grant-types", "authorization_code");
		settings.put("amagasa.authorization-server.registered-clients[3].require-consent", "false");
		client(settings, 4, "introspector", "introspector-secret", null);
		settings.put("amagasa.authorization-server.registered-clients[4].grant-types", "");
		settings.putAll(overrides);
		return settings;
	}

	private static void client(Map<String, Object> settings, int index, String clientId, String secret,
			String redirectUris) {
		String prefix = "amagasa.authorization-server.registered-clients[" + index + "].";
		settings.put(prefix + "client-id", clientId);
		if (secret != null) {
			settings.put(prefix + "client-secret", secret);
		}
		if (redirectUris != null) {
			settings.put(prefix + "redirect-uris", redirectUris);
		}
	}

	static TestServer start(Map<String, Object> overrides) {
		return TestServer.start(TestAuthorizationServerApplication.class, port -> settings(port, overrides));
	}

	static BrowserLogin browser(TestServer server) {
		return new BrowserLogin(server.baseUrl(), USER, PASSWORD);
	}

	static OAuthClient publicClient(TestServer server) {
		return OAuthClient.publicClient(server.baseUrl(), "public-cli", "http://127.0.0.1:43123/callback");
	}

	static OAuthClient webApp(TestServer server) {
		return OAuthClient.confidential(server.baseUrl(), "web-app", "web-secret-123", false, WEB_CALLBACK);
	}

	static OAuthClient postApp(TestServer server) {
		return OAuthClient.confidential(server.baseUrl(), "post-app", "post-secret-456", true, WEB_CALLBACK);
	}

	static OAuthClient introspector(TestServer server) {
		return OAuthClient.confidential(server.baseUrl(), "introspector", "introspector-secret", false, null);
	}

}
