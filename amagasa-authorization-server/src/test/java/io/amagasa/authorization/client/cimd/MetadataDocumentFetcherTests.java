package io.amagasa.authorization.client.cimd;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.sun.net.httpserver.HttpServer;
import io.amagasa.authorization.client.cimd.CimdFixtures.CountingListener;
import io.amagasa.authorization.client.cimd.MetadataDocumentFetcher.FetchedDocument;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.impl.InMemoryDnsResolver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The SSRF-safe fetch of metadata documents (CIMD §4, §6.5, §6.6; AS-24; SBP-07), over real HTTP on loopback. */
class MetadataDocumentFetcherTests {

	WireMockServer server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));

	MetadataDocumentFetcher loopbackFetcher;

	@BeforeEach
	void start() {
		this.server.start();
		this.loopbackFetcher = CimdFixtures.fetcher(CimdFixtures.properties(true), SystemDefaultDnsResolver.INSTANCE);
	}

	@AfterEach
	void stop() {
		this.loopbackFetcher.close();
		this.server.stop();
	}

	String url(String path) {
		return "http://127.0.0.1:" + this.server.port() + path;
	}

	String refusal(MetadataDocumentFetcher fetcher, String clientId) {
		return assertThatExceptionOfType(ClientMetadataDocumentException.class)
			.isThrownBy(() -> fetcher.fetch(ClientIdentifierUrl.parse(clientId, true)))
			.actual()
			.getMessage();
	}

	void serve(String path, int status, String contentType, String body) {
		this.server.stubFor(get(path).willReturn(aResponse().withStatus(status)
			.withHeader("Content-Type", contentType)
			.withHeader("Cache-Control", "max-age=120")
			.withBody(body)));
	}

	@Test
	@DisplayName("allow-loopback: a JSON document served with 200 is fetched, with its cache lifetime")
	void fetched() {
		String clientId = url("/client.json");
		serve("/client.json", 200, "application/json; charset=utf-8", CimdFixtures.document(clientId));
		FetchedDocument document = this.loopbackFetcher.fetch(ClientIdentifierUrl.parse(clientId, true));
		assertThat(new String(document.body(), StandardCharsets.UTF_8)).contains("Example MCP Client");
		assertThat(document.lifetime()).isEqualTo(Duration.ofMinutes(2));
		this.server.verify(getRequestedFor(urlEqualTo("/client.json")).withHeader("Accept",
				com.github.tomakehurst.wiremock.client.WireMock.equalTo("application/json")));
	}

	@Test
	@DisplayName("CIMD §6.5: 127.0.0.1, 169.254.169.254 and 10.0.0.1 are refused before any connection is attempted")
	void specialUseLiteralsRefusedWithoutConnecting() throws IOException {
		try (CountingListener listener = new CountingListener();
				MetadataDocumentFetcher fetcher = CimdFixtures.fetcher(CimdFixtures.properties(false),
						SystemDefaultDnsResolver.INSTANCE)) {
			assertThat(refusal(fetcher, "http://127.0.0.1:" + listener.port() + "/client.json")).isEqualTo(
					"the host 127.0.0.1 resolves to 127.0.0.1, a special-use address in 127.0.0.0/8 (loopback, RFC 1122)");
			assertThat(refusal(fetcher, "https://127.0.0.1:" + listener.port() + "/client.json"))
				.startsWith("the host 127.0.0.1 resolves to 127.0.0.1, a special-use address");
			long started = System.nanoTime();
			assertThat(refusal(fetcher, "https://169.254.169.254/latest/meta-data/client")).isEqualTo(
					"the host 169.254.169.254 resolves to 169.254.169.254, a special-use address in 169.254.0.0/16 (link-local, RFC 3927)");
			assertThat(refusal(fetcher, "https://10.0.0.1/client.json")).isEqualTo(
					"the host 10.0.0.1 resolves to 10.0.0.1, a special-use address in 10.0.0.0/8 (private-use, RFC 1918)");
			assertThat(refusal(fetcher, "https://[::1]:" + listener.port() + "/client.json"))
				.contains("resolves to 0:0:0:0:0:0:0:1, a special-use address in ::1/128 (loopback, RFC 4291)");
			assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no connect timeout was waited for")
				.isLessThan(Duration.ofMillis(900));
			assertThat(listener.connections()).isZero();
		}
	}

	@Test
	@DisplayName("CIMD §6.5: host names are judged by every address they resolve to, and the vetted addresses are the ones connected to")
	void hostNamesResolvingToSpecialUseRefused() throws IOException {
		try (CountingListener listener = new CountingListener()) {
			InMemoryDnsResolver dns = new InMemoryDnsResolver();
			dns.add("metadata.test", InetAddress.getByName("169.254.169.254"));
			dns.add("internal.test", InetAddress.getByName("10.0.0.1"));
			dns.add("loopback.test", InetAddress.getByName("127.0.0.1"));
			dns.add("rebind.test", InetAddress.getByName("93.184.216.34"), InetAddress.getByName("192.168.0.10"));
			dns.add("mapped.test", InetAddress.getByAddress("mapped.test",
					new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, 10, 1, 2, 3 }));
			try (MetadataDocumentFetcher fetcher = CimdFixtures.fetcher(CimdFixtures.properties(false), dns)) {
				assertThat(refusal(fetcher, "https://metadata.test/client"))
					.isEqualTo("the host metadata.test resolves to 169.254.169.254, a special-use address in 169.254.0.0/16 (link-local, RFC 3927)");
				assertThat(refusal(fetcher, "https://internal.test/client"))
					.isEqualTo("the host internal.test resolves to 10.0.0.1, a special-use address in 10.0.0.0/8 (private-use, RFC 1918)");
				assertThat(refusal(fetcher, "https://loopback.test:" + listener.port() + "/client"))
					.startsWith("the host loopback.test resolves to 127.0.0.1");
				assertThat(refusal(fetcher, "https://rebind.test/client"))
					.isEqualTo("the host rebind.test resolves to 192.168.0.10, a special-use address in 192.168.0.0/16 (private-use, RFC 1918)");
				assertThat(refusal(fetcher, "https://mapped.test/client"))
					.startsWith("the host mapped.test resolves to 10.1.2.3, a special-use address in 10.0.0.0/8");
				assertThat(refusal(fetcher, "https://unknown.test/client"))
					.isEqualTo("the host unknown.test could not be resolved");
			}
			assertThat(listener.connections()).isZero();
		}
	}

	@Test
	@DisplayName("CIMD §4: a redirect is refused and not followed")
	void redirectRefused() {
		this.server.stubFor(get("/moved").willReturn(aResponse().withStatus(302).withHeader("Location", url("/client.json"))));
		serve("/client.json", 200, "application/json", "{}");
		assertThat(refusal(this.loopbackFetcher, url("/moved")))
			.isEqualTo("the server answered 302 (a redirect); redirects are not followed");
		this.server.verify(0, getRequestedFor(urlEqualTo("/client.json")));
	}

	@ParameterizedTest
	@ValueSource(ints = { 201, 203, 204, 304, 404, 500, 503 })
	@DisplayName("CIMD §4: any status but 200 is an error")
	void non200Refused(int status) {
		serve("/client.json", status, "application/json", (status == 204 || status == 304) ? "" : "{}");
		assertThat(refusal(this.loopbackFetcher, url("/client.json"))).startsWith("the server answered " + status);
	}

	@Test
	@DisplayName("CIMD §4: the answer must be JSON (application/json or application/*+json)")
	void contentType() {
		serve("/html", 200, "text/html", "{}");
		assertThat(refusal(this.loopbackFetcher, url("/html")))
			.isEqualTo("the Content-Type 'text/html' is not JSON; it must be application/json or application/<type>+json");
		serve("/text", 200, "text/json", "{}");
		assertThat(refusal(this.loopbackFetcher, url("/text"))).startsWith("the Content-Type 'text/json' is not JSON");
		this.server.stubFor(get("/none").willReturn(aResponse().withStatus(200).withBody("{}")));
		assertThat(refusal(this.loopbackFetcher, url("/none")))
			.isEqualTo("the response has no Content-Type; it must be application/json");
		serve("/typed", 200, "application/client-metadata+json", "{}");
		assertThat(this.loopbackFetcher.fetch(ClientIdentifierUrl.parse(url("/typed"), true)).body()).hasSize(2);
	}

	@Test
	@DisplayName("CIMD §6.6: 5120 bytes are read; a larger document is refused, announced or not")
	void sizeLimit() {
		serve("/exact", 200, "application/json", "x".repeat(5120));
		assertThat(this.loopbackFetcher.fetch(ClientIdentifierUrl.parse(url("/exact"), true)).body()).hasSize(5120);
		serve("/large", 200, "application/json", "x".repeat(5121));
		assertThat(refusal(this.loopbackFetcher, url("/large"))).isEqualTo("the document is larger than 5120 bytes");
		serve("/huge", 200, "application/json", "x".repeat(10 * 1024 * 1024));
		assertThat(refusal(this.loopbackFetcher, url("/huge"))).isEqualTo("the document is larger than 5120 bytes");
	}

	@Test
	@DisplayName("CIMD §6.6: an endless chunked body is cut off after 5121 bytes, not drained")
	void endlessBodyCutOff() throws IOException {
		AtomicLong written = new AtomicLong();
		HttpServer endless = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		endless.createContext("/", exchange -> {
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, 0);
			byte[] chunk = new byte[1024];
			try (OutputStream body = exchange.getResponseBody()) {
				for (int i = 0; i < 1_000_000; i++) {
					body.write(chunk);
					body.flush();
					written.addAndGet(chunk.length);
				}
			}
			catch (IOException ex) {
				// the client hung up, as it should
			}
		});
		endless.start();
		try {
			long started = System.nanoTime();
			assertThat(refusal(this.loopbackFetcher, "http://127.0.0.1:" + endless.getAddress().getPort() + "/c"))
				.isEqualTo("the document is larger than 5120 bytes");
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
			assertThat(written.get()).as("bytes the server managed to send").isLessThan(16L * 1024 * 1024);
		}
		finally {
			endless.stop(0);
		}
	}

	@Test
	@DisplayName("Short timeouts: a server that does not answer in time, or trickles its body, is given up on")
	void timeouts() throws IOException {
		try (MetadataDocumentFetcher impatient = CimdFixtures.fetcher(
				CimdFixtures.properties(true, Duration.ofSeconds(1), Duration.ofMillis(500)),
				SystemDefaultDnsResolver.INSTANCE)) {
			this.server.stubFor(get("/slow").willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json")
				.withBody("{}")
				.withFixedDelay(3000)));
			assertThat(refusal(impatient, url("/slow"))).isEqualTo("the server did not answer within 500 ms");

			HttpServer trickle = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			trickle.createContext("/", exchange -> {
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, 0);
				try (OutputStream body = exchange.getResponseBody()) {
					for (int i = 0; i < 50; i++) {
						body.write(' ');
						body.flush();
						Thread.sleep(200);
					}
				}
				catch (IOException | InterruptedException ex) {
					// the client hung up
				}
			});
			trickle.start();
			try {
				long started = System.nanoTime();
				assertThat(refusal(impatient, "http://127.0.0.1:" + trickle.getAddress().getPort() + "/c"))
					.isEqualTo("the server did not send the document within 1500 ms");
				assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
			}
			finally {
				trickle.stop(0);
			}
		}
	}

	@Test
	@DisplayName("A closed port is a connection failure")
	void connectionRefused() {
		// Port 1 (tcpmux) has no listener: a port freed by the test could be taken again by a parallel one.
		assertThat(refusal(this.loopbackFetcher, "http://127.0.0.1:1/c")).isEqualTo("could not connect to 127.0.0.1");
	}

}
