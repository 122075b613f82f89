package io.amagasa.server.mcp;

import java.time.Duration;

import io.modelcontextprotocol.spec.McpStreamableServerTransportProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Closes the open MCP sessions, and with them their long-lived SSE streams, before the web server's
 * graceful shutdown starts. Otherwise graceful shutdown waits for streams that never end on their own
 * (clients keep the GET stream open) until the shutdown-phase timeout runs out.
 */
@Component
@ConditionalOnBean(McpStreamableServerTransportProvider.class)
class StreamClosingShutdown implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(StreamClosingShutdown.class);

	/** Stops before {@code WebServerGracefulShutdownLifecycle} (DEFAULT_PHASE - 1024): higher phases stop first. */
	private static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

	private final McpStreamableServerTransportProvider transport;

	private volatile boolean running;

	StreamClosingShutdown(McpStreamableServerTransportProvider transport) {
		this.transport = transport;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		try {
			this.transport.closeGracefully().block(CLOSE_TIMEOUT);
			log.info("Closed open MCP sessions before shutdown");
		}
		catch (RuntimeException ex) {
			log.warn("Closing MCP sessions before shutdown did not complete: {}", ex.getMessage());
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
