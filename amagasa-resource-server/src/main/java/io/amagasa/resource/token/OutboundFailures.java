package io.amagasa.resource.token;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.amagasa.resource.audit.LogLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Why the requests to one authorization-server endpoint (its JWK set with the metadata that locates it,
 * or its introspection endpoint) fail, for the operator: the audit line of a refused token says only
 * {@code jwks_unavailable} or {@code introspection_failed}, not that the certificate is untrusted, the
 * host refused the connection or the answer was not a JWK set. One warning with the whole cause, then at
 * most one per interval while the failures go on, counting those not written: an endpoint that is down
 * fails on every request that needs it. One line when it answers again. Never a token: the causes are
 * the HTTP client's and our own messages about the endpoint.
 * <p>
 * Hand-written: Logback's {@code DuplicateMessageFilter} is configured for the whole log, and counts
 * nothing.
 */
final class OutboundFailures {

	static final String LOGGER = "amagasa.outbound";

	private static final Logger log = LoggerFactory.getLogger(LOGGER);

	/** Exception messages can quote a remote answer: bounded so that one cannot flood the log. */
	private static final int MAX_ERROR_LENGTH = 512;

	private final String endpoint;

	private final String issuer;

	private final long intervalNanos;

	/** When the next warning may be written; {@code Long.MIN_VALUE} while nothing fails. */
	private final AtomicLong nextWarning = new AtomicLong(Long.MIN_VALUE);

	private final AtomicInteger notWritten = new AtomicInteger();

	/**
	 * @param endpoint what is fetched: {@code jwk_set} or {@code introspection}
	 * @param issuer whose endpoint it is
	 * @param interval the least time between two warnings
	 */
	OutboundFailures(String endpoint, String issuer, Duration interval) {
		this.endpoint = endpoint;
		this.issuer = issuer;
		this.intervalNanos = interval.toNanos();
	}

	/**
	 * @param uri the URL that failed, or {@code null} when it could not be found (metadata discovery)
	 */
	void failed(URI uri, Throwable failure) {
		failed(uri, causes(failure));
	}

	/**
	 * @param uri the URL that failed
	 * @param error what was wrong with its answer
	 */
	void failed(URI uri, String error) {
		long now = System.nanoTime();
		long next = this.nextWarning.get();
		boolean due = next == Long.MIN_VALUE || now - next >= 0;
		if (!due || !this.nextWarning.compareAndSet(next, now + this.intervalNanos)) {
			this.notWritten.incrementAndGet();
			return;
		}
		log.warn(new LogLine("event", this.endpoint).quoted("outcome", "failed")
			.quoted("issuer", this.issuer)
			.quoted("uri", (uri != null) ? uri.toString() : null)
			.quoted("error", error)
			.plain("failures_not_logged", this.notWritten.getAndSet(0))
			.toString());
	}

	/** After failures, one line saying the endpoint answers again. */
	void succeeded(URI uri) {
		if (this.nextWarning.get() != Long.MIN_VALUE && this.nextWarning.getAndSet(Long.MIN_VALUE) != Long.MIN_VALUE) {
			log.info(new LogLine("event", this.endpoint).quoted("outcome", "recovered")
				.quoted("issuer", this.issuer)
				.quoted("uri", uri.toString())
				.plain("failures_not_logged", this.notWritten.getAndSet(0))
				.toString());
		}
	}

	/**
	 * Each message of the cause chain once, outermost first: the HTTP client wraps the TLS failure
	 * ({@code PKIX path building failed}, {@code No subject alternative DNS name matching ...}) in
	 * exceptions of its own, some without a message ({@code ConnectException}).
	 */
	static String causes(Throwable failure) {
		StringBuilder text = new StringBuilder();
		for (Throwable cause = failure; cause != null && text.length() < MAX_ERROR_LENGTH; cause = cause.getCause()) {
			String message = (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
			if (text.indexOf(message) < 0) {
				text.append(text.isEmpty() ? "" : ": ").append(message);
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return (text.length() > MAX_ERROR_LENGTH) ? text.substring(0, MAX_ERROR_LENGTH) + "…" : text.toString();
	}

}
