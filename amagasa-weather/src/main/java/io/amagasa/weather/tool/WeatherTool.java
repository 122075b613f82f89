package io.amagasa.weather.tool;

import java.util.Map;

import io.modelcontextprotocol.spec.McpSchema;

/**
 * A weather tool independent of how it is served: the same instance backs the session-based
 * (Streamable HTTP, stdio) and the stateless MCP servers, see {@link ToolSpecifications}.
 */
public interface WeatherTool {

	/** The tool as {@code tools/list} shows it: name, description, schemas, annotations. */
	McpSchema.Tool definition();

	/**
	 * Runs the tool. Bad arguments and upstream failures come back as results with
	 * {@code isError: true} and a message for the user, never as exceptions.
	 *
	 * @param arguments the {@code tools/call} arguments; may be null or incomplete
	 */
	McpSchema.CallToolResult call(Map<String, Object> arguments);

}
