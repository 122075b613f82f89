package io.amagasa.authorization.client.cimd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;

import io.amagasa.authorization.AuthorizationServerProperties;
import io.amagasa.authorization.RegisteredClientDefaults;
import org.apache.hc.client5.http.DnsResolver;

/** Shared settings and documents of the metadata-document tests. */
final class CimdFixtures {

	static final List<String> ALLOWED_SCOPES = List.of("mcp:tools", "offline_access");

	/** What {@link #ALLOWED_SCOPES} resolves to (allowed-scopes set explicitly). */
	static final Set<String> SCOPES = Set.copyOf(ALLOWED_SCOPES);

	private CimdFixtures() {
	}

	static ClientIdMetadataDocumentProperties properties(boolean allowLoopback) {
		return properties(allowLoopback, Duration.ofSeconds(1), Duration.ofSeconds(2));
	}

	static ClientIdMetadataDocumentProperties properties(boolean allowLoopback, Duration connectTimeout,
			Duration readTimeout) {
		return new ClientIdMetadataDocumentProperties(true, allowLoopback, connectTimeout, readTimeout,
				Duration.ofMinutes(5), Duration.ofHours(24), 100, 4, ALLOWED_SCOPES);
	}

	/** The settings every client gets, with the core's default lifetimes. */
	static RegisteredClientDefaults defaults() {
		return new RegisteredClientDefaults(new AuthorizationServerProperties.Tokens(Duration.ofMinutes(10),
				Duration.ofDays(30), Duration.ofMinutes(2), Duration.ofSeconds(10)));
	}

	static MetadataDocumentFetcher fetcher(ClientIdMetadataDocumentProperties properties, DnsResolver resolver) {
		try {
			return new MetadataDocumentFetcher(properties, resolver, SSLContext.getDefault(), Clock.systemUTC());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A valid document for {@code clientId}, redirecting to a loopback callback. */
	static String document(String clientId) {
		return """
				{"client_id": "%s",
				 "client_name": "Example MCP Client",
				 "redirect_uris": ["http://127.0.0.1/callback", "https://app.example.com/callback"],
				 "logo_uri": "https://app.example.com/logo.png",
				 "scope": "mcp:tools admin"}
				""".formatted(clientId);
	}

	/**
	 * A TCP listener on 127.0.0.1 that only counts the connections made to it: the proof that a refused
	 * fetch never opened a socket.
	 */
	static final class CountingListener implements AutoCloseable {

		private final ServerSocket socket;

		private final AtomicInteger connections = new AtomicInteger();

		CountingListener() {
			try {
				this.socket = new ServerSocket();
				this.socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			Thread acceptor = new Thread(() -> {
				while (!this.socket.isClosed()) {
					try (Socket accepted = this.socket.accept()) {
						this.connections.incrementAndGet();
					}
					catch (SocketException ex) {
						return;
					}
					catch (IOException ex) {
						// keep counting
					}
				}
			}, "counting-listener");
			acceptor.setDaemon(true);
			acceptor.start();
		}

		int port() {
			return this.socket.getLocalPort();
		}

		int connections() {
			return this.connections.get();
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
		}

	}

}
