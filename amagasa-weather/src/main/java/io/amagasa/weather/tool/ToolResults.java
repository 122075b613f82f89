package io.amagasa.weather.tool;

import java.util.List;

import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;

/** The two shapes a weather tool answers with. */
public final class ToolResults {

	private ToolResults() {
	}

	/**
	 * @param text the quickstart's human-readable text
	 * @param structured the value matching the tool's output schema; must serialize to a JSON object
	 */
	public static CallToolResult success(String text, Object structured) {
		return CallToolResult.builder()
			.content(List.of(new TextContent(text)))
			.structuredContent(structured)
			.isError(false)
			.build();
	}

	/** A tool-level error: the client shows the message; no structured content, so no schema applies. */
	public static CallToolResult error(String message) {
		return CallToolResult.builder().content(List.of(new TextContent(message))).isError(true).build();
	}

}
