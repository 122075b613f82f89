package io.amagasa.resource.token.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.amagasa.resource.token.AccessTokenVerifier;
import io.amagasa.resource.token.AccessTokenVerifierBuilder;
import io.amagasa.resource.token.Caller;
import io.amagasa.resource.token.TrustedIssuer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Cost of {@link AccessTokenVerifier#verify(String)} per request, for a realistic RFC 9068 access
 * token: {@code cold} verifies the signature every time (validated-token cache disabled; the JWK
 * set is cached, as in production), {@code warm} is a validated-token cache hit; signatures checked by
 * the JDK's provider or by AWS-LC. Run it with
 * scripts/bench-token-verification.sh.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TokenVerificationBenchmark {

	private static final String RESOURCE = "https://mcp.example.com/mcp";

	@Param({ "RS256", "ES256" })
	public String algorithm;

	@Param({ "cold", "warm" })
	public String cache;

	/** Who checks signatures: the JDK's provider, or AWS-LC (Amazon Corretto Crypto Provider). */
	@Param({ "jdk", "aws-lc" })
	public String provider;

	private HttpServer server;

	private AccessTokenVerifier verifier;

	private byte[] token;

	@Setup(Level.Trial)
	public void setUp() throws IOException, JOSEException {
		JWK key = "RS256".equals(this.algorithm) ? new RSAKeyGenerator(2048).keyID("bench").generate()
				: new ECKeyGenerator(Curve.P_256).keyID("bench").generate();
		byte[] keys = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/jwks", (exchange) -> {
			exchange.sendResponseHeaders(200, keys.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(keys);
			}
		});
		this.server.start();
		String issuer = "http://127.0.0.1:" + this.server.getAddress().getPort();
		AccessTokenVerifierBuilder builder = AccessTokenVerifierBuilder.create()
			.trustedIssuer(new TrustedIssuer(issuer, URI.create(issuer + "/jwks"), List.of(RESOURCE), true, null))
			.validatedTokenCacheSize("warm".equals(this.cache) ? 10_000 : 0);
		if ("aws-lc".equals(this.provider)) {
			builder.signatureProvider(AmazonCorrettoCryptoProvider.INSTANCE);
		}
		this.verifier = builder.build();
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer)
			.audience(RESOURCE)
			.subject("248289761001")
			.claim("client_id", "s6BhdRkqt3")
			.claim("scope", "weather:read alerts:read")
			.jwtID("dbe39bf3a3ba4238a513f51d6e1691c4")
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(3600)))
			.build();
		JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.parse(this.algorithm)).keyID("bench")
			.type(new JOSEObjectType("at+jwt"))
			.build();
		SignedJWT jwt = new SignedJWT(header, claims);
		jwt.sign(new DefaultJWSSignerFactory().createJWSSigner(key, header.getAlgorithm()));
		this.token = jwt.serialize().getBytes(StandardCharsets.ISO_8859_1);
		this.verifier.verify(jwt.serialize());
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.server.stop(0);
	}

	/**
	 * A new string every time, as every request reads its token from its own header: a string whose hash
	 * is not computed yet, so that a warm hit pays for the cache key as a request does.
	 */
	@Benchmark
	public Caller verify() {
		return this.verifier.verify(new String(this.token, StandardCharsets.ISO_8859_1));
	}

}
