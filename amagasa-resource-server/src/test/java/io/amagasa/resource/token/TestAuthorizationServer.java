package io.amagasa.resource.token;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP authorization server on 127.0.0.1 for tests: JWK sets, metadata documents and an
 * RFC 7662 introspection endpoint, with a hit counter per path and a switch to take a path down.
 */
final class TestAuthorizationServer implements AutoCloseable {

	record Request(String method, String authorization, Map<String, String> form) {
	}

	record Reply(int status, String body) {
	}

	private final HttpServer server;

	private final Map<String, Function<Request, Reply>> routes = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

	private TestAuthorizationServer() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", this::handle);
		this.server.start();
	}

	static TestAuthorizationServer start() {
		try {
			return new TestAuthorizationServer();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** @return e.g. {@code http://127.0.0.1:54321}, no trailing slash */
	String baseUrl() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	URI uri(String path) {
		return URI.create(baseUrl() + path);
	}

	void route(String path, Function<Request, Reply> reply) {
		this.routes.put(path, reply);
	}

	void json(String path, Map<String, Object> body) {
		String json = JSONObjectUtils.toJSONString(body);
		route(path, (request) -> new Reply(200, json));
	}

	/** Publishes the public parts of these keys as a JWK set. */
	void publishKeys(String path, JWK... keys) {
		publishKeys(path, List.of(keys).stream().map((key) -> key.toPublicJWK().toJSONObject()).toList());
	}

	/** Publishes a JWK set of these raw key objects (to add members Nimbus does not model). */
	void publishKeys(String path, List<Map<String, Object>> keys) {
		json(path, Map.of("keys", keys));
	}

	/** Every request to this path now fails with 503. */
	void down(String path) {
		route(path, (request) -> new Reply(503, "{\"error\":\"unavailable\"}"));
	}

	/**
	 * An RFC 7662 endpoint demanding client_secret_basic with these credentials and answering from
	 * {@code responses} by token ({@code active: false} for unknown tokens).
	 */
	void introspection(String path, String clientId, String clientSecret,
			Map<String, Map<String, Object>> responses) {
		String expected = "Basic " + Base64.getEncoder()
			.encodeToString((URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
					+ URLEncoder.encode(clientSecret, StandardCharsets.UTF_8))
				.getBytes(StandardCharsets.UTF_8));
		route(path, (request) -> {
			if (!"POST".equals(request.method()) || !expected.equals(request.authorization())) {
				return new Reply(401, "{\"error\":\"invalid_client\"}");
			}
			Map<String, Object> response = responses.getOrDefault(request.form().get("token"), Map.of("active", false));
			return new Reply(200, JSONObjectUtils.toJSONString(response));
		});
	}

	int hits(String path) {
		AtomicInteger count = this.hits.get(path);
		return (count != null) ? count.get() : 0;
	}

	int totalHits() {
		return this.hits.values().stream().mapToInt(AtomicInteger::get).sum();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getRawPath();
			this.hits.computeIfAbsent(path, (key) -> new AtomicInteger()).incrementAndGet();
			Function<Request, Reply> route = this.routes.get(path);
			Reply reply = (route != null) ? route.apply(request(exchange)) : new Reply(404, "{}");
			byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().set("Content-Type", "application/json");
			exchange.sendResponseHeaders(reply.status(), body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

	private static Request request(HttpExchange exchange) throws IOException {
		String body;
		try (InputStream in = exchange.getRequestBody()) {
			body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		Map<String, String> form = new ConcurrentHashMap<>();
		for (String pair : body.split("&")) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
						URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
			}
		}
		return new Request(exchange.getRequestMethod(), exchange.getRequestHeaders().getFirst("Authorization"), form);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
