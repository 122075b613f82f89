package io.amagasa.authorization.client.registration;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.amagasa.authorization.SecurityDecision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The book of dynamically registered clients (table {@code amagasa_dynamic_client}, Flyway V11) next to
 * Spring Authorization Server's JDBC tables ({@code oauth2_registered_client},
 * {@code oauth2_authorization}, {@code oauth2_authorization_consent}): it registers clients, counts them
 * for the cap, and deletes the ones never used.
 * <p>
 * "Used" means an authorization or a consent was ever stored for the client. Each clean-up first marks
 * clients that have one ({@code first_used_at}), so that a client stays used after its authorizations
 * expire and are purged, then deletes clients registered before the cut-off that were never marked and
 * still have no authorization and no consent. The statements are idempotent and each decides row by row
 * inside the database, so two instances cleaning up at the same moment delete each client at most once
 * and never one that is in use.
 */
final class DynamicClientRegistry {

	private static final Logger log = LoggerFactory.getLogger(DynamicClientRegistry.class);

	private final RegisteredClientRepository clients;

	private final JdbcOperations jdbc;

	private final TransactionTemplate transaction;

	private final Clock clock;

	/**
	 * @param clients where the clients themselves are saved (the application's repository)
	 * @param jdbc the database holding both
	 * @param transactions to save a client and its registration record together
	 * @param clock registration and clean-up times
	 */
	DynamicClientRegistry(RegisteredClientRepository clients, JdbcOperations jdbc,
			PlatformTransactionManager transactions, Clock clock) {
		this.clients = clients;
		this.jdbc = jdbc;
		this.transaction = new TransactionTemplate(transactions);
		this.clock = clock;
	}

	/** Saves a newly registered client and records it as dynamically registered, atomically. */
	void register(RegisteredClient client) {
		this.transaction.executeWithoutResult(status -> {
			this.clients.save(client);
			this.jdbc.update("INSERT INTO amagasa_dynamic_client (registered_client_id, registered_at) VALUES (?, ?)",
					client.getId(), OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC));
		});
	}

	/** @return how many dynamically registered clients exist */
	long count() {
		Long count = this.jdbc.queryForObject("SELECT COUNT(*) FROM amagasa_dynamic_client", Long.class);
		return (count != null) ? count : 0;
	}

	/**
	 * Deletes the registrations older than {@code unusedLifetime} that never led to an authorization or
	 * a consent.
	 * @return how many clients were deleted
	 */
	int deleteUnused(Duration unusedLifetime) {
		OffsetDateTime now = OffsetDateTime.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		OffsetDateTime cutoff = now.minus(unusedLifetime);
		int[] counts = this.transaction.execute(status -> {
			int marked = this.jdbc.update("UPDATE amagasa_dynamic_client SET first_used_at = ? "
					+ "WHERE first_used_at IS NULL AND ("
					+ "EXISTS (SELECT 1 FROM oauth2_authorization a WHERE a.registered_client_id = amagasa_dynamic_client.registered_client_id) "
					+ "OR EXISTS (SELECT 1 FROM oauth2_authorization_consent c WHERE c.registered_client_id = amagasa_dynamic_client.registered_client_id))",
					now);
			int deleted = this.jdbc.update("DELETE FROM oauth2_registered_client WHERE id IN ("
					+ "SELECT d.registered_client_id FROM amagasa_dynamic_client d "
					+ "WHERE d.first_used_at IS NULL AND d.registered_at < ?) "
					+ "AND NOT EXISTS (SELECT 1 FROM oauth2_authorization a WHERE a.registered_client_id = oauth2_registered_client.id) "
					+ "AND NOT EXISTS (SELECT 1 FROM oauth2_authorization_consent c WHERE c.registered_client_id = oauth2_registered_client.id)",
					cutoff);
			int forgotten = this.jdbc.update("DELETE FROM amagasa_dynamic_client WHERE registered_at < ? "
					+ "AND NOT EXISTS (SELECT 1 FROM oauth2_registered_client r WHERE r.id = amagasa_dynamic_client.registered_client_id)",
					cutoff);
			return new int[] { marked, deleted, forgotten };
		});
		SecurityDecision.of("client_registration_cleanup", "completed")
			.with("registered_before", cutoff.toInstant())
			.with("marked_used", counts[0])
			.with("deleted_clients", counts[1])
			.with("deleted_records", counts[2])
			.info(log);
		return counts[1];
	}

}
