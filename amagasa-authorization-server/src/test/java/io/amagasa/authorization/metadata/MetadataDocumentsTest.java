package io.amagasa.authorization.metadata;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import io.amagasa.authorization.testing.Http;
import io.amagasa.authorization.testing.TestAuthorizationServerApplication;
import io.amagasa.authorization.testing.TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RFC 8414 and OpenID Connect Discovery documents at the well-known URLs a client builds from the issuer
 * (AS-03..AS-06, the conformance scenario authorization-server-metadata-endpoint), for an issuer with no path
 * and one with a path.
 */
class MetadataDocumentsTest {

	static Map<String, Object> settings(int port, String issuer) {
		return Map.of("spring.datasource.url", "jdbc:h2:mem:metadata-" + port, "amagasa.authorization-server.issuer",
				issuer, "amagasa.authorization-server.resources[0].uri", "http://localhost:" + port + "/mcp",
				"amagasa.authorization-server.resources[0].scopes", "weather.read,weather.alerts");
	}

	@ParameterizedTest
	@ValueSource(strings = { "/.well-known/oauth-authorization-server", "/.well-known/openid-configuration" })
	void documentsOfAnIssuerWithoutPath(String wellKnown) {
		try (TestServer server = TestServer.start(TestAuthorizationServerApplication.class,
				port -> settings(port, "http://localhost:" + port))) {
			HttpResponse<String> response = Http.get(server.baseUrl() + wellKnown);
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type").orElseThrow()).contains("application/json");
			Map<String, Object> metadata = Http.json(response);
			assertProfile(metadata, server.baseUrl(), server.baseUrl());
		}
	}

	/** Browser-based clients read the metadata and call registration and token endpoints cross-origin. */
	@Test
	void browserBasedClientsMayCallTheClientEndpointsCrossOrigin() throws Exception {
		try (TestServer server = TestServer.start(TestAuthorizationServerApplication.class,
				port -> settings(port, "http://localhost:" + port))) {
			HttpClient http = HttpClient.newHttpClient();
			HttpResponse<String> metadata = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
					+ "/.well-known/oauth-authorization-server")).header("Origin", "http://localhost:6274").build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(metadata.headers().firstValue("Access-Control-Allow-Origin")).hasValue("*");
			for (String endpoint : List.of("/oauth2/token", "/oauth2/register", "/oauth2/revoke")) {
				HttpResponse<String> preflight = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + endpoint))
					.header("Origin", "http://localhost:6274")
					.header("Access-Control-Request-Method", "POST")
					.header("Access-Control-Request-Headers", "content-type")
					.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
					.build(), HttpResponse.BodyHandlers.ofString());
				assertThat(preflight.statusCode()).as(endpoint).isEqualTo(200);
				assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).as(endpoint).hasValue("*");
			}
			HttpResponse<String> authorize = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/oauth2/authorize"))
				.header("Origin", "http://localhost:6274")
				.header("Access-Control-Request-Method", "GET")
				.method("OPTIONS", HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(authorize.headers().firstValue("Access-Control-Allow-Origin")).as("a navigation, not CORS").isEmpty();
		}
	}

	@Test
	void documentsOfAnIssuerWithAPathUsePathInsertion() {
		try (TestServer server = TestServer.start(TestAuthorizationServerApplication.class,
				port -> settings(port, "http://localhost:" + port + "/tenant1"))) {
			String issuer = server.baseUrl() + "/tenant1";
			// RFC 8414 §3.1 path insertion, OpenID Connect both ways; the last one is what
			// {issuer}/.well-known/openid-configuration reaches behind a proxy that strips /tenant1
			for (String path : List.of("/.well-known/oauth-authorization-server/tenant1",
					"/.well-known/openid-configuration/tenant1", "/.well-known/openid-configuration")) {
				HttpResponse<String> response = Http.get(server.baseUrl() + path);
				assertThat(response.statusCode()).as(path).isEqualTo(200);
				assertProfile(Http.json(response), issuer, issuer);
			}
			assertThat(Http.get(server.baseUrl() + "/.well-known/oauth-authorization-server/other").statusCode())
				.isNotEqualTo(200);
		}
	}

	private static void assertProfile(Map<String, Object> metadata, String issuer, String endpointBase) {
		assertThat(metadata.get("issuer")).isEqualTo(issuer);
		assertThat(metadata.get("authorization_endpoint")).isEqualTo(endpointBase + "/oauth2/authorize");
		assertThat(metadata.get("token_endpoint")).isEqualTo(endpointBase + "/oauth2/token");
		assertThat(metadata.get("jwks_uri")).isEqualTo(endpointBase + "/oauth2/jwks");
		assertThat(metadata.get("revocation_endpoint")).isEqualTo(endpointBase + "/oauth2/revoke");
		assertThat(metadata.get("introspection_endpoint")).isEqualTo(endpointBase + "/oauth2/introspect");
		assertThat(metadata.get("response_types_supported")).isEqualTo(List.of("code"));
		assertThat(metadata.get("code_challenge_methods_supported")).isEqualTo(List.of("S256"));
		assertThat(metadata.get("grant_types_supported")).isEqualTo(List.of("authorization_code", "refresh_token"));
		assertThat(metadata.get("token_endpoint_auth_methods_supported"))
			.isEqualTo(List.of("none", "client_secret_basic", "client_secret_post"));
		assertThat(metadata.get("scopes_supported"))
			.isEqualTo(List.of("weather.read", "weather.alerts", "offline_access", "openid"));
		assertThat(metadata.get("authorization_response_iss_parameter_supported")).isEqualTo(true);
		assertThat(metadata.get("client_id_metadata_document_supported")).isEqualTo(true);
		assertThat(metadata).doesNotContainKeys("tls_client_certificate_bound_access_tokens",
				"dpop_signing_alg_values_supported");
	}

}
