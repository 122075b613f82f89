package io.amagasa.authorization.client.registration;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * Deletes registrations never used ({@link DynamicClientRegistry#deleteUnused}) every
 * {@code cleanup-interval}, first one minute after start (or after one interval, if shorter), on its own
 * daemon thread. Every instance runs it; the deletes are safe to run concurrently. A failed run is
 * logged and retried at the next interval.
 */
final class UnusedRegistrationCleanup implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(UnusedRegistrationCleanup.class);

	private static final Duration FIRST_RUN = Duration.ofMinutes(1);

	private final DynamicClientRegistry registry;

	private final Duration unusedLifetime;

	private final Duration interval;

	private volatile ScheduledExecutorService executor;

	UnusedRegistrationCleanup(DynamicClientRegistry registry, Duration unusedLifetime, Duration interval) {
		this.registry = registry;
		this.unusedLifetime = unusedLifetime;
		this.interval = interval;
	}

	@Override
	public void start() {
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
			Thread thread = new Thread(task, "amagasa-dcr-cleanup");
			thread.setDaemon(true);
			return thread;
		});
		long first = Math.min(FIRST_RUN.toMillis(), this.interval.toMillis());
		scheduler.scheduleWithFixedDelay(this::runOnce, first, this.interval.toMillis(), TimeUnit.MILLISECONDS);
		this.executor = scheduler;
	}

	private void runOnce() {
		try {
			this.registry.deleteUnused(this.unusedLifetime);
		}
		catch (RuntimeException ex) {
			log.warn("Deleting unused client registrations failed; retrying in {}", this.interval, ex);
		}
	}

	@Override
	public void stop() {
		ScheduledExecutorService scheduler = this.executor;
		if (scheduler != null) {
			scheduler.shutdownNow();
			this.executor = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}

}
