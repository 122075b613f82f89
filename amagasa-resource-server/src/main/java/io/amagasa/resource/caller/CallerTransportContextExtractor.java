package io.amagasa.resource.caller;

import java.util.Map;

import io.amagasa.resource.token.Caller;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.server.McpTransportContextExtractor;

import org.springframework.web.servlet.function.ServerRequest;

/** Copies the caller the filter chain verified into the MCP transport context of the request. */
public final class CallerTransportContextExtractor implements McpTransportContextExtractor<ServerRequest> {

	@Override
	public McpTransportContext extract(ServerRequest request) {
		return request.attribute(CallerContext.REQUEST_ATTRIBUTE)
			.filter(Caller.class::isInstance)
			.map(caller -> McpTransportContext.create(Map.of(CallerContext.TRANSPORT_CONTEXT_KEY, caller)))
			.orElse(McpTransportContext.EMPTY);
	}

}
