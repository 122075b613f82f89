package io.amagasa.server.mcp;

import java.time.Duration;

/** How long an idle MCP session lives and how many are kept: the transport and the session bindings agree. */
public final class SessionLimits {

	public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(30);

	public static final long MAX_SESSIONS = 100_000;

	private SessionLimits() {
	}

}
