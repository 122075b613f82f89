package io.amagasa.authorization.consent;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpServer;

/** The client's loopback redirect endpoint (RFC 8252 §7.3): answers every request with a small page. */
final class CallbackReceiver implements AutoCloseable {

	private final HttpServer server;

	CallbackReceiver() {
		try {
			this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		this.server.createContext("/", exchange -> {
			byte[] page = "<!DOCTYPE html><title>Client</title><p>The client received the response.</p>"
				.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
			exchange.sendResponseHeaders(200, page.length);
			try (OutputStream body = exchange.getResponseBody()) {
				body.write(page);
			}
		});
		this.server.start();
	}

	/** @return e.g. {@code http://127.0.0.1:54321/callback} */
	String redirectUri() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + "/callback";
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
