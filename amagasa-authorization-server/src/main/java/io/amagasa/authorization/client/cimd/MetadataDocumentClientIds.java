package io.amagasa.authorization.client.cimd;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Which Client Identifier URL each metadata-document {@code RegisteredClient.id} stands for (table
 * {@code amagasa_cimd_client}, Flyway V10). The id is derived from the URL
 * ({@link ClientIdentifierUrl#registeredClientId()}), but a hash cannot be turned back into a URL, and
 * Spring Authorization Server looks clients up by id wherever an authorization or a consent names one
 * (token endpoint, introspection, revocation, consent). One row per URL, written the first time the URL
 * resolves, makes that lookup work on every instance and after restarts. The row holds no metadata: the
 * document stays the only source of truth and is fetched (or taken from the cache) on every lookup.
 */
class MetadataDocumentClientIds {

	private final JdbcOperations jdbc;

	private final TransactionTemplate ownTransaction;

	private final Clock clock;

	/** The ids this instance already knows to be stored, so that a resolution costs no write. */
	private final Cache<String, Boolean> stored = Caffeine.newBuilder().maximumSize(100_000).build();

	MetadataDocumentClientIds(JdbcOperations jdbc, PlatformTransactionManager transactions, Clock clock) {
		this.jdbc = jdbc;
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.clock = clock;
	}

	/**
	 * Stores the URL of a client id, once. Runs in its own transaction: a concurrent insert by another
	 * instance fails only this statement, never a transaction the caller may have open.
	 */
	void remember(String registeredClientId, String clientIdUrl) {
		if (this.stored.getIfPresent(registeredClientId) != null) {
			return;
		}
		try {
			this.ownTransaction.executeWithoutResult(status -> this.jdbc.update(
					"INSERT INTO amagasa_cimd_client (id, client_id, first_resolved_at) SELECT ?, ?, ? "
							+ "WHERE NOT EXISTS (SELECT 1 FROM amagasa_cimd_client WHERE id = ?)",
					registeredClientId, clientIdUrl, OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC), registeredClientId));
		}
		catch (DuplicateKeyException ex) {
			// Another instance stored the same row between our check and our insert: that is the goal.
		}
		this.stored.put(registeredClientId, Boolean.TRUE);
	}

	/** @return the Client Identifier URL of a metadata-document client id, if it ever resolved */
	Optional<String> clientIdUrl(String registeredClientId) {
		List<String> urls = this.jdbc.queryForList("SELECT client_id FROM amagasa_cimd_client WHERE id = ?",
				String.class, registeredClientId);
		return urls.stream().findFirst();
	}

}
