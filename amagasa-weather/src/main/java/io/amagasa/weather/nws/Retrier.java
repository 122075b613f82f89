package io.amagasa.weather.nws;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an NWS request again after a transient failure (429, 5xx, I/O error), a bounded number
 * of times, waiting {@code backoff × 2ⁿ} between attempts. A {@code Retry-After} is honoured as
 * the minimum wait; when it asks for longer than {@code maxDelay} the call gives up at once,
 * because retrying earlier than asked would be refused again and waiting longer would hold the
 * tool call. Spring's {@code RetryTemplate} is not used: its backoff cannot see the failure,
 * so it cannot honour {@code Retry-After}.
 */
final class Retrier {

	private static final Logger log = LoggerFactory.getLogger(Retrier.class);

	private final int maxRetries;

	private final Duration backoff;

	private final Duration maxDelay;

	Retrier(int maxRetries, Duration backoff, Duration maxDelay) {
		this.maxRetries = maxRetries;
		this.backoff = backoff;
		this.maxDelay = maxDelay;
	}

	<T> T run(Supplier<T> request) {
		for (int attempt = 1;; attempt++) {
			try {
				return request.get();
			}
			catch (NwsException ex) {
				Optional<Duration> delay = delayBeforeRetry(ex, attempt);
				if (delay.isEmpty()) {
					throw (attempt > 1) ? ex.afterAttempts(attempt) : ex;
				}
				log.debug("Retrying in {} ms: {}", delay.get().toMillis(), ex.getMessage());
				if (!sleep(delay.get())) {
					throw ex.afterAttempts(attempt);
				}
			}
		}
	}

	private Optional<Duration> delayBeforeRetry(NwsException ex, int attempt) {
		if (!ex.failure().isRetryable() || attempt > this.maxRetries) {
			return Optional.empty();
		}
		Duration exponential = this.backoff.multipliedBy(1L << Math.min(attempt - 1, 30));
		Duration requested = ex.retryAfter().orElse(Duration.ZERO);
		if (requested.compareTo(this.maxDelay) > 0) {
			return Optional.empty();
		}
		Duration delay = (requested.compareTo(exponential) > 0) ? requested : exponential;
		return Optional.of((delay.compareTo(this.maxDelay) > 0) ? this.maxDelay : delay);
	}

	/** @return false when interrupted, so the caller stops retrying and keeps the interrupt flag */
	private static boolean sleep(Duration delay) {
		try {
			Thread.sleep(delay.toMillis());
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
