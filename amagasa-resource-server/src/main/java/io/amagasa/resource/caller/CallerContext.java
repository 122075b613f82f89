package io.amagasa.resource.caller;

import java.util.Optional;

import io.amagasa.resource.token.Caller;
import io.modelcontextprotocol.common.McpTransportContext;

/**
 * Where tools find who is calling: the verified {@link Caller} travels from the HTTP filter chain to
 * the MCP transport context ({@link CallerTransportContextExtractor}); a tool reads it with
 * {@link #caller(McpTransportContext)}. The token itself never travels (RS-23).
 */
public final class CallerContext {

	/** The request attribute the authorization filter sets. */
	public static final String REQUEST_ATTRIBUTE = Caller.class.getName();

	/** The key of the caller in the MCP transport context. */
	public static final String TRANSPORT_CONTEXT_KEY = "amagasa.caller";

	private CallerContext() {
	}

	public static Optional<Caller> caller(McpTransportContext context) {
		return context.get(TRANSPORT_CONTEXT_KEY) instanceof Caller caller ? Optional.of(caller) : Optional.empty();
	}

}
