package io.amagasa.resource.token;

import java.net.URI;
import java.net.http.HttpClient;
import java.security.Provider;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.http.client.JdkClientHttpRequestFactory;

/**
 * Builds the {@link AccessTokenVerifier} of a resource server: trusted issuers and/or an Entra
 * profile, with production defaults for everything else. The built verifier routes each token by
 * its issuer; it fetches nothing until a token needs it.
 *
 * <pre>
 * AccessTokenVerifier verifier = AccessTokenVerifierBuilder.create()
 *     .trustedIssuer(new TrustedIssuer("https://as.example.com", null,
 *             List.of("https://mcp.example.com/mcp"), true, null))
 *     .entra(EntraProfile.of(tenantId, apiClientId, "api://" + apiClientId))
 *     .build();
 * </pre>
 */
public final class AccessTokenVerifierBuilder {

	/** RS-19 leaves skew to us; more than a few minutes would stretch every token's lifetime. */
	static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

	/** The least time between two warnings about one endpoint that keeps failing ({@link OutboundFailures}). */
	static final Duration FAILURE_WARNING_INTERVAL = Duration.ofMinutes(1);

	private final List<TrustedIssuer> trustedIssuers = new ArrayList<>();

	private EntraProfile entra;

	private Duration clockSkew = Duration.ofSeconds(30);

	private Duration jwkSetCacheLifetime = Duration.ofMinutes(5);

	private Duration jwkSetRefreshMinInterval = Duration.ofSeconds(30);

	private Duration jwkSetOutageTolerance = Duration.ofHours(1);

	private Duration connectTimeout = Duration.ofSeconds(2);

	private Duration readTimeout = Duration.ofSeconds(3);

	private int maxTokenSize = 16 * 1024;

	private long validatedTokenCacheSize = 10_000;

	private long introspectionCacheSize = 10_000;

	private Duration introspectionCacheLifetime = Duration.ofSeconds(60);

	private HttpClient httpClient;

	private SSLContext sslContext;

	private Provider signatureProvider;

	private Clock clock = Clock.systemUTC();

	private AccessTokenVerifierBuilder() {
	}

	public static AccessTokenVerifierBuilder create() {
		return new AccessTokenVerifierBuilder();
	}

	/** Trust these issuers, in addition to any added before. */
	public AccessTokenVerifierBuilder trustedIssuers(List<TrustedIssuer> issuers) {
		issuers.forEach(this::trustedIssuer);
		return this;
	}

	/** Trust this issuer, in addition to any added before. */
	public AccessTokenVerifierBuilder trustedIssuer(TrustedIssuer issuer) {
		this.trustedIssuers.add(Objects.requireNonNull(issuer, "issuer"));
		return this;
	}

	/** Accept Microsoft Entra ID tokens for this API (none by default). */
	public AccessTokenVerifierBuilder entra(EntraProfile profile) {
		this.entra = Objects.requireNonNull(profile, "profile");
		return this;
	}

	/** Tolerance on {@code exp} and {@code nbf}; default 30 s, at most 5 min. */
	public AccessTokenVerifierBuilder clockSkew(Duration skew) {
		if (skew == null || skew.isNegative() || skew.compareTo(MAX_CLOCK_SKEW) > 0) {
			throw new IllegalArgumentException(
					"clockSkew must be between 0 and " + MAX_CLOCK_SKEW + ", not " + skew);
		}
		this.clockSkew = skew;
		return this;
	}

	/** How long a fetched JWK set is used before it is fetched again; default 5 min. */
	public AccessTokenVerifierBuilder jwkSetCacheLifetime(Duration lifetime) {
		this.jwkSetCacheLifetime = positive(lifetime, "jwkSetCacheLifetime");
		return this;
	}

	/**
	 * The least time between two JWK set fetches of one issuer beyond the regular ones, which limits
	 * refetches on unknown {@code kid}s; default 30 s. Must be shorter than the cache lifetime.
	 */
	public AccessTokenVerifierBuilder jwkSetRefreshMinInterval(Duration interval) {
		this.jwkSetRefreshMinInterval = positive(interval, "jwkSetRefreshMinInterval");
		return this;
	}

	/**
	 * How long after the last successful fetch cached keys keep working while the JWK set endpoint
	 * fails; default 1 h; {@link Duration#ZERO} fails at once.
	 */
	public AccessTokenVerifierBuilder jwkSetOutageTolerance(Duration tolerance) {
		if (tolerance == null || tolerance.isNegative()) {
			throw new IllegalArgumentException("jwkSetOutageTolerance must not be negative, not " + tolerance);
		}
		this.jwkSetOutageTolerance = tolerance;
		return this;
	}

	/** Connect timeout for JWK set, metadata and introspection requests; default 2 s. */
	public AccessTokenVerifierBuilder connectTimeout(Duration timeout) {
		this.connectTimeout = positive(timeout, "connectTimeout");
		return this;
	}

	/** Read timeout for JWK set, metadata and introspection requests; default 3 s. */
	public AccessTokenVerifierBuilder readTimeout(Duration timeout) {
		this.readTimeout = positive(timeout, "readTimeout");
		return this;
	}

	/** Longer tokens are refused as {@code too_large} before any parsing; default 16 KiB. */
	public AccessTokenVerifierBuilder maxTokenSize(int characters) {
		if (characters <= 0) {
			throw new IllegalArgumentException("maxTokenSize must be positive, not " + characters);
		}
		this.maxTokenSize = characters;
		return this;
	}

	/**
	 * How many verified JWTs to remember, each until its {@code exp}; default 10,000; 0 disables the
	 * cache, so every request verifies the signature.
	 */
	public AccessTokenVerifierBuilder validatedTokenCacheSize(long entries) {
		if (entries < 0) {
			throw new IllegalArgumentException("validatedTokenCacheSize must not be negative, not " + entries);
		}
		this.validatedTokenCacheSize = entries;
		return this;
	}

	/** How many introspection results to remember; default 10,000. */
	public AccessTokenVerifierBuilder introspectionCacheSize(long entries) {
		if (entries <= 0) {
			throw new IllegalArgumentException("introspectionCacheSize must be positive, not " + entries);
		}
		this.introspectionCacheSize = entries;
		return this;
	}

	/**
	 * The longest an active introspection result is reused, bounding how late a revocation is
	 * seen; never beyond the token's {@code exp}; default 60 s. Inactive results are not cached.
	 */
	public AccessTokenVerifierBuilder introspectionCacheLifetime(Duration lifetime) {
		this.introspectionCacheLifetime = positive(lifetime, "introspectionCacheLifetime");
		return this;
	}

	/**
	 * The client for every outbound request (JWK sets, metadata, introspection). It should not
	 * follow redirects; its connect timeout replaces {@link #connectTimeout(Duration)}.
	 */
	public AccessTokenVerifierBuilder httpClient(HttpClient client) {
		this.httpClient = Objects.requireNonNull(client, "client");
		return this;
	}

	/**
	 * The TLS context of every outbound request: whom to trust (an issuer behind a private certificate
	 * authority) and, for an introspection endpoint that asks for one, the client certificate (RFC 8705
	 * mutual TLS). Default: the JVM's. Not together with {@link #httpClient(HttpClient)}, whose own
	 * context is used.
	 */
	public AccessTokenVerifierBuilder sslContext(SSLContext context) {
		this.sslContext = Objects.requireNonNull(context, "context");
		return this;
	}

	/**
	 * The JCA provider that checks token signatures, for each algorithm it has (the JDK's checks the others),
	 * e.g. Amazon Corretto Crypto Provider: every token seen for the first time, and every forged one, costs
	 * a signature check, and an ES256 check costs 0.9 ms with JDK 17's provider, 45 µs with AWS-LC. Default:
	 * the JDK's. The provider is only handed to the verifiers, never installed.
	 */
	public AccessTokenVerifierBuilder signatureProvider(Provider provider) {
		this.signatureProvider = Objects.requireNonNull(provider, "provider");
		return this;
	}

	/** The clock for {@code exp}/{@code nbf} and cache lifetimes; the system UTC clock by default. */
	public AccessTokenVerifierBuilder clock(Clock clock) {
		this.clock = Objects.requireNonNull(clock, "clock");
		return this;
	}

	/**
	 * @return the verifier
	 * @throws IllegalArgumentException when the configuration is incomplete or contradictory
	 */
	public AccessTokenVerifier build() {
		if (this.trustedIssuers.isEmpty() && this.entra == null) {
			throw new IllegalArgumentException("Configure at least one trusted issuer or an Entra profile");
		}
		if (this.jwkSetRefreshMinInterval.compareTo(this.jwkSetCacheLifetime) >= 0) {
			throw new IllegalArgumentException("jwkSetRefreshMinInterval (" + this.jwkSetRefreshMinInterval
					+ ") must be shorter than jwkSetCacheLifetime (" + this.jwkSetCacheLifetime + ")");
		}
		if (this.httpClient != null && this.sslContext != null) {
			throw new IllegalArgumentException(
					"Set either httpClient or sslContext: a given HttpClient brings its own SSL context");
		}
		HttpClient client = (this.httpClient != null) ? this.httpClient : newHttpClient();
		OutboundHttp http = new OutboundHttp(client, this.readTimeout);
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
		requests.setReadTimeout(this.readTimeout);
		JwkSetCaching caching = new JwkSetCaching(this.jwkSetCacheLifetime, this.jwkSetRefreshMinInterval,
				this.jwkSetOutageTolerance, this.connectTimeout.plus(this.readTimeout), refreshExecutor());
		TokenLifetime lifetime = new TokenLifetime(this.clockSkew, this.clock);
		SignatureVerifierFactory signatures = new SignatureVerifierFactory(this.signatureProvider,
				SignedJwtVerifier.ASYMMETRIC);

		Map<String, TrustedIssuerVerifier> issuers = new HashMap<>();
		List<IntrospectionVerifier> introspection = new ArrayList<>();
		for (TrustedIssuer issuer : this.trustedIssuers) {
			JwkSetLocation location = (issuer.jwkSetUri() != null)
					? fixed(OutboundHttp.requireSecure(issuer.jwkSetUri(), "JWK set URI of " + issuer.issuer()))
					: IssuerMetadataDiscovery.forIssuer(issuer.issuer(), http);
			JWKSource<SecurityContext> keys = caching.cached(new RemoteJwkSetSource(location, http,
					new OutboundFailures("jwk_set", issuer.issuer(), FAILURE_WARNING_INTERVAL)));
			if (issuers.put(issuer.issuer(), new TrustedIssuerVerifier(issuer, keys, signatures, lifetime)) != null) {
				throw new IllegalArgumentException("Issuer " + issuer.issuer() + " is configured twice");
			}
			if (issuer.introspection() != null) {
				introspection.add(new IntrospectionVerifier(issuer, requests, lifetime,
						new OutboundFailures("introspection", issuer.issuer(), FAILURE_WARNING_INTERVAL)));
			}
		}
		EntraTokenVerifier entraVerifier = null;
		if (this.entra != null) {
			RemoteJwkSetSource keySource = new RemoteJwkSetSource(EntraTokenVerifier.keyLocation(this.entra, http),
					http, new OutboundFailures("jwk_set", "Microsoft Entra ID, tenant " + this.entra.tenantId(),
							FAILURE_WARNING_INTERVAL));
			entraVerifier = new EntraTokenVerifier(this.entra, caching.cached(keySource), keySource, signatures,
					lifetime);
		}
		// a verified JWT is remembered until its exp, which it always has (RFC 9068 §2.2)
		ValidatedTokenCache validated = (this.validatedTokenCacheSize > 0)
				? new ValidatedTokenCache(this.validatedTokenCacheSize, ChronoUnit.FOREVER.getDuration(), this.clock) : null;
		ValidatedTokenCache introspected = new ValidatedTokenCache(this.introspectionCacheSize,
				this.introspectionCacheLifetime, this.clock);
		return new IssuerRoutingAccessTokenVerifier(this.maxTokenSize, issuers, entraVerifier, introspection,
				validated, introspected);
	}

	private HttpClient newHttpClient() {
		HttpClient.Builder client = HttpClient.newBuilder()
			.connectTimeout(this.connectTimeout)
			.followRedirects(HttpClient.Redirect.NEVER);
		if (this.sslContext != null) {
			client.sslContext(this.sslContext);
		}
		return client.build();
	}

	private static JwkSetLocation fixed(URI uri) {
		return () -> uri;
	}

	/**
	 * One small pool of daemon threads for the refresh-ahead fetches of all issuers (Nimbus would
	 * start a non-daemon thread per issuer); idle threads end after a minute.
	 */
	private static ExecutorService refreshExecutor() {
		ThreadPoolExecutor executor = new ThreadPoolExecutor(2, 2, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
				(task) -> {
					Thread thread = new Thread(task, "amagasa-jwks-refresh");
					thread.setDaemon(true);
					return thread;
				});
		executor.allowCoreThreadTimeOut(true);
		return executor;
	}

	private static Duration positive(Duration value, String name) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(name + " must be positive, not " + value);
		}
		return value;
	}

}
