package io.amagasa.weather.nws;

/**
 * What went wrong talking to the National Weather Service, with a reason that is safe to show
 * to an MCP client: it names the kind of failure and never an internal detail.
 */
public enum NwsFailure {

	TIMEOUT("the National Weather Service did not answer in time", true),

	UNREACHABLE("the National Weather Service could not be reached", true),

	RATE_LIMITED("the National Weather Service is limiting requests; try again shortly", true),

	UNAVAILABLE("the National Weather Service is unavailable; try again later", true),

	NOT_FOUND("the National Weather Service has no data for this request", false),

	REJECTED("the National Weather Service rejected the request", false),

	UNEXPECTED_RESPONSE("the National Weather Service sent a response that could not be used", false);

	private final String reason;

	private final boolean retryable;

	NwsFailure(String reason, boolean retryable) {
		this.reason = reason;
		this.retryable = retryable;
	}

	/** A lower-case clause for a client-facing sentence, e.g. "Unable to fetch alerts for CA: " + reason. */
	public String reason() {
		return this.reason;
	}

	/** Whether another attempt may succeed: only these failures are retried. */
	boolean isRetryable() {
		return this.retryable;
	}

}
