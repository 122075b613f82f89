package io.amagasa.weather.tool;

import java.util.List;
import java.util.Map;

import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@link WeatherTool}s through the MCP SDK: the same tools as session-based
 * specifications (Streamable HTTP, stdio) and as stateless ones. Whatever happens inside a tool,
 * the client gets a tool result, never a protocol error with internals.
 */
public final class ToolSpecifications {

	private static final Logger log = LoggerFactory.getLogger(ToolSpecifications.class);

	private ToolSpecifications() {
	}

	public static List<McpServerFeatures.SyncToolSpecification> sessionBased(List<? extends WeatherTool> tools) {
		return tools.stream()
			.map(tool -> new McpServerFeatures.SyncToolSpecification(tool.definition(),
					(exchange, request) -> invoke(tool, request.arguments())))
			.toList();
	}

	public static List<McpStatelessServerFeatures.SyncToolSpecification> stateless(List<? extends WeatherTool> tools) {
		return tools.stream()
			.map(tool -> new McpStatelessServerFeatures.SyncToolSpecification(tool.definition(),
					(context, request) -> invoke(tool, request.arguments())))
			.toList();
	}

	private static CallToolResult invoke(WeatherTool tool, Map<String, Object> arguments) {
		try {
			return tool.call(arguments);
		}
		catch (RuntimeException ex) {
			// A bug, not an upstream condition: keep the stack trace in the log, not in the answer.
			log.error("Tool {} failed unexpectedly", tool.definition().name(), ex);
			return ToolResults.error("The " + tool.definition().name() + " tool failed unexpectedly. Try again later.");
		}
	}

}
