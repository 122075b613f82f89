package io.amagasa.server.security;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLParameters;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;

import io.amagasa.authorization.testing.SelfSignedCertificate;
import io.amagasa.server.embedded.McpRequests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * RS-27 with an issuer behind a private certificate authority: its metadata and JWK set over https, with a
 * certificate the JVM does not trust, made trusted by {@code amagasa.auth.ssl-bundle}. Without the
 * bundle, or under a host name its certificate does not name, the keys cannot be fetched: tokens fail
 * closed (401 {@code invalid_token}), and the {@code amagasa.outbound} log says why. The bundle's key
 * store is the client certificate of mutual TLS; a reloaded bundle applies without a restart.
 */
@ExtendWith(OutputCaptureExtension.class)
class OutboundTlsTest {

	@TempDir
	static Path directory;

	static TestIssuer issuer;

	static Path certificateAuthority;

	@BeforeAll
	static void startIssuer() throws Exception {
		SelfSignedCertificate certificate = SelfSignedCertificate.create(directory, "idp", "dns:localhost");
		certificateAuthority = certificate.writePem(directory.resolve("idp-ca.pem"));
		issuer = TestIssuer.start(certificate.serverContext(), "localhost");
		// RFC 8414 §3.1: the well-known segment goes before the issuer's path
		issuer.serveJson("/.well-known/oauth-authorization-server/issuer",
				"{\"issuer\":\"" + issuer.issuer() + "\",\"jwks_uri\":\"" + issuer.jwksUri() + "\"}");
	}

	@AfterAll
	static void stopIssuer() {
		issuer.close();
	}

	@Test
	void anIssuerBehindAPrivateCertificateAuthorityIsTrustedThroughTheSslBundle(CapturedOutput output) {
		// no jwk-set-uri: the metadata is discovered over the same TLS
		try (ConfigurableApplicationContext server = start("--spring.ssl.bundle.pem.idp.truststore.certificate=file:"
				+ certificateAuthority, "--amagasa.auth.ssl-bundle=idp")) {
			HttpResponse<String> initialized = McpRequests.initialize(baseUrl(server), token());
			assertThat(initialized.statusCode()).as(initialized.body()).isEqualTo(200);
		}
		assertThat(output.getOut()).doesNotContain("event=jwk_set outcome=\"failed\"");
	}

	@Test
	void anUntrustedCertificateFailsClosedAndTheLogSaysWhy(CapturedOutput output) {
		try (ConfigurableApplicationContext server = start("--amagasa.auth.external.jwk-set-uri=" + issuer.jwksUri())) {
			HttpResponse<String> refused = McpRequests.initialize(baseUrl(server), token());
			assertThat(refused.statusCode()).isEqualTo(401);
			assertThat(refused.headers().firstValue("WWW-Authenticate").orElseThrow())
				.startsWith("Bearer error=\"invalid_token\"");
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(output.getOut()).contains("reason=\"jwks_unavailable\""));
			assertThat(output.getOut()).contains("event=jwk_set outcome=\"failed\" issuer=\"" + issuer.issuer()
					+ "\" uri=\"" + issuer.jwksUri() + "\" error=\"PKIX path building failed");
		}
	}

	@Test
	void aCertificateForAnotherHostNameFailsClosedAndTheLogSaysWhy(CapturedOutput output) {
		// trusted, but it names localhost, not 127.0.0.1
		String byAddress = "https://127.0.0.1:" + issuer.port() + "/jwks";
		try (ConfigurableApplicationContext server = start("--amagasa.auth.external.jwk-set-uri=" + byAddress,
				"--spring.ssl.bundle.pem.idp.truststore.certificate=file:" + certificateAuthority,
				"--amagasa.auth.ssl-bundle=idp")) {
			HttpResponse<String> refused = McpRequests.initialize(baseUrl(server), token());
			assertThat(refused.statusCode()).isEqualTo(401);
			assertThat(output.getOut()).contains("event=jwk_set outcome=\"failed\"")
				.contains("uri=\"" + byAddress + "\"")
				.contains("No subject alternative names matching IP address 127.0.0.1 found");
		}
	}

	/** A CA certificate renewed in its file (reload-on-update) is trusted from the next connection on. */
	@Test
	void aReloadedBundleIsUsedWithoutARestart(CapturedOutput output) throws Exception {
		Path trusted = directory.resolve("renewed-ca.pem");
		SelfSignedCertificate.create(directory, "other-ca", "dns:localhost").writePem(trusted);
		try (ConfigurableApplicationContext server = start("--amagasa.auth.external.jwk-set-uri=" + issuer.jwksUri(),
				"--spring.ssl.bundle.pem.idp.truststore.certificate=file:" + trusted,
				"--spring.ssl.bundle.pem.idp.reload-on-update=true", "--spring.ssl.bundle.watch.file.quiet-period=100ms",
				"--amagasa.auth.ssl-bundle=idp")) {
			// no request yet: the first fetch must not be spent (and rate-limited) on the old trust
			Files.copy(certificateAuthority, trusted, StandardCopyOption.REPLACE_EXISTING);
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(output.getOut()).contains("event=ssl_bundle outcome=reloaded bundle=idp"));
			HttpResponse<String> initialized = McpRequests.initialize(baseUrl(server), token());
			assertThat(initialized.statusCode()).as(initialized.body()).isEqualTo(200);
		}
	}

	/**
	 * RFC 8705 §2: an introspection endpoint that asks for a client certificate gets the bundle's key store,
	 * and the opaque token it vouches for is accepted.
	 */
	@Test
	void anIntrospectionEndpointThatAsksForAClientCertificateGetsTheBundlesOne() throws Exception {
		SelfSignedCertificate client = SelfSignedCertificate.create(directory, "amagasa-resource-server",
				"dns:amagasa.example");
		SelfSignedCertificate endpoint = SelfSignedCertificate.create(directory, "introspection", "dns:localhost");
		List<String> clientCertificates = new CopyOnWriteArrayList<>();
		HttpsServer introspection = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		introspection.setHttpsConfigurator(new HttpsConfigurator(endpoint.serverContextTrusting(client)) {
			@Override
			public void configure(HttpsParameters parameters) {
				SSLParameters tls = getSSLContext().getDefaultSSLParameters();
				tls.setNeedClientAuth(true);
				parameters.setSSLParameters(tls);
			}
		});
		introspection.createContext("/introspect", exchange -> {
			clientCertificates.add(((HttpsExchange) exchange).getSSLSession().getPeerPrincipal().getName());
			byte[] body = ("{\"active\":true,\"iss\":\"" + issuer.issuer() + "\",\"sub\":\"alice\",\"client_id\":\"cli\","
					+ "\"scope\":\"weather.read\",\"aud\":\"" + ExternalModeApplication.PUBLIC_BASE_URL + "/mcp\",\"exp\":"
					+ (System.currentTimeMillis() / 1000 + 300) + "}").getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		introspection.start();
		String bundle = "--spring.ssl.bundle.pem.idp.";
		try (ConfigurableApplicationContext server = start("--amagasa.auth.external.jwk-set-uri=" + issuer.jwksUri(),
				"--amagasa.auth.external.introspection.endpoint=https://localhost:" + introspection.getAddress().getPort()
						+ "/introspect",
				"--amagasa.auth.external.introspection.client-id=amagasa",
				"--amagasa.auth.external.introspection.client-secret=s3cret",
				bundle + "truststore.certificate=file:" + endpoint.writePem(directory.resolve("introspection-ca.pem")),
				bundle + "keystore.certificate=file:" + client.writePem(directory.resolve("client.pem")),
				bundle + "keystore.private-key=file:" + client.writePrivateKeyPem(directory.resolve("client-key.pem")),
				"--amagasa.auth.ssl-bundle=idp")) {
			HttpResponse<String> initialized = McpRequests.initialize(baseUrl(server), "an-opaque-access-token");
			assertThat(initialized.statusCode()).as(initialized.body()).isEqualTo(200);
			assertThat(clientCertificates).containsExactly("CN=amagasa-resource-server");
		}
		finally {
			introspection.stop(0);
		}
	}

	private static ConfigurableApplicationContext start(String... settings) {
		return ExternalModeApplication.start(issuer.issuer(), settings);
	}

	private static String baseUrl(ConfigurableApplicationContext server) {
		return ExternalModeApplication.baseUrl(server);
	}

	private static String token() {
		return issuer.token(ExternalModeApplication.PUBLIC_BASE_URL + "/mcp").sign();
	}

}
