package io.amagasa.weather.tool;

import io.modelcontextprotocol.spec.McpSchema;

/** Definitions of the weather tools: each only reads a public API, so they share their annotations. */
public final class ToolDefinitions {

	private ToolDefinitions() {
	}

	/**
	 * A tool that reads an external, public source: read-only, idempotent, open-world, not destructive.
	 * @param inputSchema the input JSON Schema as text
	 * @param outputSchema the output JSON Schema as text
	 */
	public static McpSchema.Tool readOnlyLookup(String name, String title, String description, String inputSchema,
			String outputSchema) {
		return McpSchema.Tool.builder()
			.name(name)
			.title(title)
			.description(description)
			.inputSchema(JsonSchemas.parse(inputSchema))
			.outputSchema(JsonSchemas.parse(outputSchema))
			.annotations(McpSchema.ToolAnnotations.builder()
				.title(title)
				.readOnlyHint(true)
				.destructiveHint(false)
				.idempotentHint(true)
				.openWorldHint(true)
				.build())
			.build();
	}

}
