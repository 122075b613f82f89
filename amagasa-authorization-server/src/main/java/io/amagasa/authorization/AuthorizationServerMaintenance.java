package io.amagasa.authorization;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.amagasa.authorization.key.SigningKeys;
import io.amagasa.authorization.store.ExpiredGrantCleanup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * The authorization server's upkeep, on one daemon thread while the application runs: signing-key rotation
 * and retirement every key check interval, deletion of expired grants every ten minutes. Every instance
 * runs it; the database arbitrates.
 */
final class AuthorizationServerMaintenance implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(AuthorizationServerMaintenance.class);

	private static final Duration CLEANUP_INTERVAL = Duration.ofMinutes(10);

	private final SigningKeys keys;

	private final ExpiredGrantCleanup cleanup;

	private ScheduledExecutorService executor;

	AuthorizationServerMaintenance(SigningKeys keys, ExpiredGrantCleanup cleanup) {
		this.keys = keys;
		this.cleanup = cleanup;
	}

	@Override
	public synchronized void start() {
		this.executor = Executors.newSingleThreadScheduledExecutor(task -> {
			Thread thread = new Thread(task, "amagasa-authorization-maintenance");
			thread.setDaemon(true);
			return thread;
		});
		long keyInterval = this.keys.checkInterval().toMillis();
		this.executor.scheduleWithFixedDelay(() -> run("signing_keys", this.keys::maintain), keyInterval, keyInterval,
				TimeUnit.MILLISECONDS);
		this.executor.scheduleWithFixedDelay(() -> run("expired_grants", this.cleanup::run), 0,
				CLEANUP_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
	}

	@Override
	public synchronized void stop() {
		if (this.executor != null) {
			this.executor.shutdownNow();
			this.executor = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.executor != null;
	}

	/** A failed run (the database briefly unreachable) is retried at the next interval. */
	private static void run(String task, Runnable work) {
		try {
			work.run();
		}
		catch (RuntimeException ex) {
			log.warn("event=maintenance outcome=failed task={} error={}", task, ex.toString());
		}
	}

}
