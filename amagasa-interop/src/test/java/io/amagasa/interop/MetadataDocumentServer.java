package io.amagasa.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * Client ID Metadata Documents over https on loopback, as a client would host them: a self-signed
 * certificate for {@code localhost} made with the JDK's keytool, which the server under test is told
 * to trust.
 */
final class MetadataDocumentServer implements AutoCloseable {

	private static final String PASSWORD = "interop-changeit";

	private final HttpsServer server;

	private final Path keyStore;

	private final AtomicInteger requests = new AtomicInteger();

	private MetadataDocumentServer(HttpsServer server, Path keyStore) {
		this.server = server;
		this.keyStore = keyStore;
	}

	static MetadataDocumentServer start(Path dir) throws Exception {
		Files.createDirectories(dir);
		Path keyStore = dir.resolve("localhost.p12");
		Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
				"-genkeypair", "-alias", "localhost", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
				"-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-keystore", keyStore.toString(), "-storetype",
				"PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD)
			.redirectErrorStream(true)
			.start();
		if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
			throw new IllegalStateException("keytool failed: " + new String(keytool.getInputStream().readAllBytes()));
		}
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(keyStore)) {
			store.load(in, PASSWORD.toCharArray());
		}
		KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keys.init(store, PASSWORD.toCharArray());
		SSLContext tls = SSLContext.getInstance("TLS");
		tls.init(keys.getKeyManagers(), null, null);
		HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.setHttpsConfigurator(new HttpsConfigurator(tls));
		server.start();
		return new MetadataDocumentServer(server, keyStore);
	}

	String url(String path) {
		return "https://localhost:" + this.server.getAddress().getPort() + path;
	}

	void serve(String path, String json) {
		this.server.createContext(path, exchange -> {
			this.requests.incrementAndGet();
			byte[] body = json.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().put("Content-Type", List.of("application/json"));
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
	}

	int requests() {
		return this.requests.get();
	}

	/** JVM options that make a Java process trust this server's certificate (and only it). */
	String trustStoreOptions() {
		return "-Djavax.net.ssl.trustStore=" + this.keyStore + " -Djavax.net.ssl.trustStorePassword=" + PASSWORD
				+ " -Djavax.net.ssl.trustStoreType=PKCS12";
	}

	@Override
	public void close() throws IOException {
		this.server.stop(0);
	}

}
