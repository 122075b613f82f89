package io.amagasa.server.security;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import javax.net.ssl.SSLContext;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * A stand-in authorization server for resource-server tests: real RSA and EC keys, a JWKS endpoint on
 * loopback (http, or https with a test certificate) that can be rotated or taken down, and signed access
 * tokens.
 */
final class TestIssuer implements AutoCloseable {

	private final HttpServer server;

	/** The origin of its URLs: {@code http://127.0.0.1:port}, or https with the host name its certificate names. */
	private final String origin;

	private final List<JWK> published = new CopyOnWriteArrayList<>();

	private final AtomicBoolean down = new AtomicBoolean();

	private final AtomicInteger jwksRequests = new AtomicInteger();

	final RSAKey rsa;

	final ECKey ec;

	/**
	 * @param tls the server's TLS context, or {@code null} for plain http
	 * @param host the host name of the URLs, which the certificate must name for https
	 */
	private TestIssuer(SSLContext tls, String host) throws Exception {
		this.rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
		this.ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
		this.published.add(this.rsa.toPublicJWK());
		this.published.add(this.ec.toPublicJWK());
		InetSocketAddress loopback = new InetSocketAddress("127.0.0.1", 0);
		if (tls != null) {
			HttpsServer https = HttpsServer.create(loopback, 0);
			https.setHttpsConfigurator(new HttpsConfigurator(tls));
			this.server = https;
		}
		else {
			this.server = HttpServer.create(loopback, 0);
		}
		this.origin = ((tls != null) ? "https://" : "http://") + host + ":" + this.server.getAddress().getPort();
		this.server.createContext("/jwks", exchange -> {
			this.jwksRequests.incrementAndGet();
			if (this.down.get()) {
				exchange.sendResponseHeaders(503, -1);
				exchange.close();
				return;
			}
			byte[] body = new JWKSet(new ArrayList<>(this.published)).toString().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
		this.server.start();
	}

	/** Serves a fixed JSON document, e.g. an OpenID configuration, at {@code path}. */
	void serveJson(String path, String json) {
		this.server.createContext(path, exchange -> {
			byte[] body = json.getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
	}

	/** Serves the key set at a second path too (Entra's {@code /{tenant}/discovery/v2.0/keys}). */
	void serveJwksAt(String path) {
		this.server.createContext(path, exchange -> {
			byte[] body = new JWKSet(new ArrayList<>(this.published)).toString().getBytes(StandardCharsets.UTF_8);
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		});
	}

	String origin() {
		return this.origin;
	}

	static TestIssuer start() {
		return start(null, "127.0.0.1");
	}

	/** Over https, presenting the certificate of {@code tls}; its URLs name {@code host}. */
	static TestIssuer start(SSLContext tls, String host) {
		try {
			return new TestIssuer(tls, host);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	int port() {
		return this.server.getAddress().getPort();
	}

	String issuer() {
		return this.origin + "/issuer";
	}

	String jwksUri() {
		return this.origin + "/jwks";
	}

	int jwksRequests() {
		return this.jwksRequests.get();
	}

	void publish(JWK key) {
		this.published.add(key.toPublicJWK());
	}

	void setDown(boolean down) {
		this.down.set(down);
	}

	/** A token builder with the claims every valid test token has. */
	Token token(String audience) {
		return new Token(this, audience);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	static final class Token {

		private final TestIssuer issuer;

		private final JWTClaimsSet.Builder claims;

		private JWK key;

		private JWSAlgorithm algorithm = JWSAlgorithm.RS256;

		private JOSEObjectType type = new JOSEObjectType("at+jwt");

		private Consumer<JWSHeader.Builder> headerChanges = builder -> {
		};

		Token(TestIssuer issuer, String audience) {
			this.issuer = issuer;
			this.key = issuer.rsa;
			Instant now = Instant.now();
			this.claims = new JWTClaimsSet.Builder().issuer(issuer.issuer())
				.subject("alice")
				.audience(audience)
				.issueTime(Date.from(now))
				.expirationTime(Date.from(now.plusSeconds(300)))
				.jwtID(java.util.UUID.randomUUID().toString())
				.claim("client_id", "good-client")
				.claim("tid", "tenant-a")
				.claim("scope", "weather.read");
		}

		Token claims(Consumer<JWTClaimsSet.Builder> change) {
			change.accept(this.claims);
			return this;
		}

		Token scope(String scope) {
			return claims(c -> c.claim("scope", scope));
		}

		Token subject(String subject) {
			return claims(c -> c.subject(subject));
		}

		Token ec() {
			this.key = this.issuer.ec;
			this.algorithm = JWSAlgorithm.ES256;
			return this;
		}

		Token signedWith(JWK key, JWSAlgorithm algorithm) {
			this.key = key;
			this.algorithm = algorithm;
			return this;
		}

		/** Changes the JOSE header beyond its kid, alg and typ (registered ones such as jku or crit, or custom ones). */
		Token headers(Consumer<JWSHeader.Builder> change) {
			this.headerChanges = this.headerChanges.andThen(change);
			return this;
		}

		Token type(String type) {
			this.type = type == null ? null : new JOSEObjectType(type);
			return this;
		}

		JWTClaimsSet claimsForTests() {
			return this.claims.build();
		}

		String sign() {
			try {
				JWSSigner signer = this.key instanceof ECKey ecKey ? new ECDSASigner(ecKey)
						: new RSASSASigner((RSAKey) this.key);
				JWSHeader.Builder builder = new JWSHeader.Builder(this.algorithm).keyID(this.key.getKeyID()).type(this.type);
				this.headerChanges.accept(builder);
				JWSHeader header = builder.build();
				SignedJWT jwt = new SignedJWT(header, this.claims.build());
				jwt.sign(signer);
				return jwt.serialize();
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
