package io.amagasa.weather.nws;

import java.time.Duration;
import java.util.Optional;

/**
 * A failed NWS request. The message is for the log (it names the URL, status and attempts);
 * {@link #failure()} carries the reason a client may see.
 */
public final class NwsException extends RuntimeException {

	private final NwsFailure failure;

	private final Duration retryAfter;

	NwsException(NwsFailure failure, String detail) {
		this(failure, detail, null);
	}

	NwsException(NwsFailure failure, String detail, Duration retryAfter) {
		// No stack trace: these are expected upstream conditions, logged as one line.
		super(detail, null, false, false);
		this.failure = failure;
		this.retryAfter = retryAfter;
	}

	public NwsFailure failure() {
		return this.failure;
	}

	/** The wait the server asked for with {@code Retry-After}, if it asked. */
	Optional<Duration> retryAfter() {
		return Optional.ofNullable(this.retryAfter);
	}

	/** The same failure, its log message extended with how many attempts were made. */
	NwsException afterAttempts(int attempts) {
		return new NwsException(this.failure, getMessage() + " (after " + attempts + " attempts)", this.retryAfter);
	}

}
