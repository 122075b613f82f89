package io.amagasa.weather;

import static org.assertj.core.api.Assertions.assertThat;

import io.amagasa.weather.tool.WeatherTool;
import io.modelcontextprotocol.json.schema.JsonSchemaValidator.ValidationResponse;
import io.modelcontextprotocol.json.schema.jackson3.DefaultJsonSchemaValidator;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;

/** What every tool result must satisfy, checked the way the MCP SDK checks it. */
public final class ToolAssertions {

	private static final DefaultJsonSchemaValidator VALIDATOR = new DefaultJsonSchemaValidator();

	private ToolAssertions() {
	}

	/** The single text block of a result. */
	public static String text(CallToolResult result) {
		assertThat(result.content()).hasSize(1);
		assertThat(result.content().get(0)).isInstanceOf(TextContent.class);
		return ((TextContent) result.content().get(0)).text();
	}

	/** A success whose structured content passes the SDK's output-schema validation. */
	public static void assertSuccess(WeatherTool tool, CallToolResult result) {
		assertThat(result.isError()).as("isError of %s", text(result)).isFalse();
		ValidationResponse validation = VALIDATOR.validate(tool.definition().outputSchema(), result.structuredContent());
		assertThat(validation.valid()).as(validation.errorMessage()).isTrue();
	}

	/** A tool error with exactly this message and no structured content. */
	public static void assertError(CallToolResult result, String message) {
		assertThat(result.isError()).isTrue();
		assertThat(result.structuredContent()).isNull();
		assertThat(text(result)).isEqualTo(message);
	}

}
