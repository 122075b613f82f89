package io.amagasa.authorization.client.cimd;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import io.amagasa.authorization.RegisteredClientDefaults;
import io.amagasa.authorization.SecurityDecision;
import io.amagasa.authorization.client.cimd.MetadataDocumentFetcher.FetchedDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

/**
 * Turns a Client Identifier URL into the {@link RegisteredClient} its metadata document describes (AS-15,
 * AS-17): checks the URL (AS-18), fetches the document safely (AS-24), validates it (AS-19..AS-22) and
 * builds the client. Results are cached for the lifetime the document's HTTP headers allow (AS-23);
 * a failure or an invalid document is never cached (CIMD §4.4), so the next request fetches again.
 * Concurrent requests for the same URL share one fetch. Every decision is audited: one line per fetch,
 * accepted or refused; cache hits decide nothing new and log nothing.
 */
public class ClientIdMetadataDocumentResolver {

	private static final Logger log = LoggerFactory.getLogger(ClientIdMetadataDocumentResolver.class);

	/**
	 * The {@code ClientSettings} key under which a metadata-document client's {@code logo_uri} (https
	 * only) travels to the consent page.
	 */
	public static final String LOGO_URI_SETTING = "settings.client.amagasa.logo-uri";

	/** A fetch's outcome: a client to keep for {@code lifetime}, or a failure kept for no time at all. */
	private record Resolution(RegisteredClient client, ClientMetadataDocumentException failure, Duration lifetime) {

	}

	private final MetadataDocumentFetcher fetcher;

	private final boolean allowLoopback;

	private final Set<String> allowedScopes;

	private final RegisteredClientDefaults defaults;

	private final AsyncCache<String, Resolution> cache;

	/**
	 * @param properties the loopback switch and the cache size
	 * @param fetcher the SSRF-safe fetcher
	 * @param allowedScopes the scopes metadata-document clients may have
	 * @param defaults the client and token settings every client gets
	 * @param ticker the cache's time source
	 */
	ClientIdMetadataDocumentResolver(ClientIdMetadataDocumentProperties properties, MetadataDocumentFetcher fetcher,
			Set<String> allowedScopes, RegisteredClientDefaults defaults, Ticker ticker) {
		this.fetcher = fetcher;
		this.allowLoopback = properties.allowLoopback();
		this.allowedScopes = allowedScopes;
		this.defaults = defaults;
		this.cache = Caffeine.newBuilder()
			.maximumSize(properties.cacheMaximumSize())
			.expireAfter(Expiry.creating((String clientId, Resolution resolution) -> resolution.lifetime()))
			.ticker(ticker)
			.executor(Runnable::run)
			.buildAsync();
	}

	/**
	 * @param clientId a URL-form {@code client_id} (see {@link ClientIdentifierUrl#isUrlForm})
	 * @return the client its metadata document describes
	 * @throws ClientMetadataDocumentException why the client id or its document was refused
	 */
	public RegisteredClient resolve(String clientId) {
		ClientIdentifierUrl url;
		try {
			url = ClientIdentifierUrl.parse(clientId, this.allowLoopback);
		}
		catch (ClientMetadataDocumentException ex) {
			SecurityDecision.of("client_metadata_document", "refused")
				.with("client_id", clientId)
				.with("reason", ex.getMessage())
				.warn(log);
			throw ex;
		}
		CompletableFuture<Resolution> pending = new CompletableFuture<>();
		CompletableFuture<Resolution> shared = this.cache.get(clientId, (key, executor) -> pending);
		if (shared != pending) {
			return outcome(shared.join());
		}
		Resolution resolution;
		try {
			resolution = load(url);
		}
		catch (RuntimeException ex) {
			// Never leave waiters (and the cache entry) on a future that will not complete.
			pending.completeExceptionally(ex);
			throw ex;
		}
		pending.complete(resolution);
		if (resolution.failure() != null) {
			// CIMD §4.4: "MUST NOT cache error responses" nor invalid documents. A zero lifetime would
			// expire it anyway; removing it says so.
			this.cache.asMap().remove(clientId, pending);
		}
		return outcome(resolution);
	}

	private Resolution load(ClientIdentifierUrl url) {
		try {
			FetchedDocument fetched = this.fetcher.fetch(url);
			ClientIdMetadataDocument document = ClientIdMetadataDocument.parse(url, fetched.body());
			RegisteredClient client = document.toRegisteredClient(url.registeredClientId(), this.allowedScopes,
					this.defaults);
			SecurityDecision.of("client_metadata_document", "accepted")
				.with("client_id", url.value())
				.with("registered_client_id", client.getId())
				.with("redirect_uris", client.getRedirectUris())
				.with("scopes", client.getScopes())
				.with("cache_lifetime", fetched.lifetime())
				.info(log);
			return new Resolution(client, null, fetched.lifetime());
		}
		catch (ClientMetadataDocumentException ex) {
			SecurityDecision.of("client_metadata_document", "refused")
				.with("client_id", url.value())
				.with("reason", ex.getMessage())
				.warn(log);
			return new Resolution(null, ex, Duration.ZERO);
		}
	}

	private static RegisteredClient outcome(Resolution resolution) {
		if (resolution.failure() != null) {
			throw new ClientMetadataDocumentException(resolution.failure().getMessage(), resolution.failure());
		}
		return resolution.client();
	}

}
