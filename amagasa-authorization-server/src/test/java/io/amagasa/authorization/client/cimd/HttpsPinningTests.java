package io.amagasa.authorization.client.cimd;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.amagasa.authorization.testing.SelfSignedCertificate;
import org.apache.hc.client5.http.impl.InMemoryDnsResolver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The https path of the fetcher (SBP-07 "pin DNS"): a local HTTPS server with a self-signed certificate
 * for {@code cimd.test}, a resolver mapping test host names to 127.0.0.1, and {@code allow-loopback}. The
 * connection goes to the vetted address while TLS (SNI and hostname verification) uses the URL's host.
 */
class HttpsPinningTests {

	@TempDir
	static Path directory;

	static HttpsServer server;

	static SSLContext trustingTestCertificate;

	static final List<String> hostHeaders = new CopyOnWriteArrayList<>();

	@BeforeAll
	static void start() throws Exception {
		SelfSignedCertificate certificate = SelfSignedCertificate.create(directory, "cimd.test", "dns:cimd.test");
		SSLContext serverContext = certificate.serverContext();
		trustingTestCertificate = certificate.trustingContext();

		server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		server.setHttpsConfigurator(new HttpsConfigurator(serverContext));
		server.createContext("/", exchange -> {
			hostHeaders.add(exchange.getRequestHeaders().getFirst("Host"));
			String clientId = "https://cimd.test:" + server.getAddress().getPort() + exchange.getRequestURI();
			byte[] body = CimdFixtures.document(clientId).getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		server.start();
	}

	@AfterAll
	static void stop() {
		server.stop(0);
	}

	static InMemoryDnsResolver dns() throws Exception {
		InMemoryDnsResolver dns = new InMemoryDnsResolver();
		dns.add("cimd.test", InetAddress.getByName("127.0.0.1"));
		dns.add("other.test", InetAddress.getByName("127.0.0.1"));
		return dns;
	}

	static MetadataDocumentFetcher fetcher(boolean allowLoopback, SSLContext sslContext) throws Exception {
		return new MetadataDocumentFetcher(CimdFixtures.properties(allowLoopback), dns(), sslContext, Clock.systemUTC());
	}

	static String url(String host) {
		return "https://" + host + ":" + server.getAddress().getPort() + "/client.json";
	}

	@Test
	@DisplayName("The vetted address is connected to; the request and TLS name the URL's host")
	void pinnedConnection() throws Exception {
		hostHeaders.clear();
		try (MetadataDocumentFetcher fetcher = fetcher(true, trustingTestCertificate)) {
			ClientIdentifierUrl url = ClientIdentifierUrl.parse(url("cimd.test"), false);
			byte[] body = fetcher.fetch(url).body();
			assertThat(ClientIdMetadataDocument.parse(url, body).clientName()).isEqualTo("Example MCP Client");
		}
		assertThat(hostHeaders).containsExactly("cimd.test:" + server.getAddress().getPort());
	}

	@Test
	@DisplayName("Hostname verification uses the URL's host: the same address under another name fails TLS")
	void hostnameVerifiedAgainstUrlHost() throws Exception {
		hostHeaders.clear();
		try (MetadataDocumentFetcher fetcher = fetcher(true, trustingTestCertificate)) {
			assertThatExceptionOfType(ClientMetadataDocumentException.class)
				.isThrownBy(() -> fetcher.fetch(ClientIdentifierUrl.parse(url("other.test"), false)))
				.withMessage("the TLS handshake with other.test failed (untrusted certificate, or a certificate for another host name)");
		}
		assertThat(hostHeaders).isEmpty();
	}

	@Test
	@DisplayName("An untrusted certificate fails TLS")
	void untrustedCertificate() throws Exception {
		try (MetadataDocumentFetcher fetcher = fetcher(true, SSLContext.getDefault())) {
			assertThatExceptionOfType(ClientMetadataDocumentException.class)
				.isThrownBy(() -> fetcher.fetch(ClientIdentifierUrl.parse(url("cimd.test"), false)))
				.withMessageStartingWith("the TLS handshake with cimd.test failed");
		}
	}

	@Test
	@DisplayName("Without allow-loopback the same host is refused before connecting")
	void loopbackRefusedInProduction() throws Exception {
		hostHeaders.clear();
		try (MetadataDocumentFetcher fetcher = fetcher(false, trustingTestCertificate)) {
			assertThatExceptionOfType(ClientMetadataDocumentException.class)
				.isThrownBy(() -> fetcher.fetch(ClientIdentifierUrl.parse(url("cimd.test"), false)))
				.withMessage("the host cimd.test resolves to 127.0.0.1, a special-use address in 127.0.0.0/8 (loopback, RFC 1122)");
		}
		assertThat(hostHeaders).isEmpty();
	}

}
