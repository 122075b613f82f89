package io.amagasa.weather.tool;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpStatelessServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.modelcontextprotocol.spec.McpSchema.CallToolResult;
import io.modelcontextprotocol.spec.McpSchema.TextContent;
import org.junit.jupiter.api.Test;

class ToolSpecificationsTest {

	private static final McpSchema.Tool ECHO = McpSchema.Tool.builder()
		.name("echo")
		.inputSchema(JsonSchemas.parse("{\"type\": \"object\"}"))
		.build();

	private final WeatherTool echo = new WeatherTool() {

		@Override
		public McpSchema.Tool definition() {
			return ECHO;
		}

		@Override
		public CallToolResult call(Map<String, Object> arguments) {
			return ToolResults.success(String.valueOf(arguments.get("say")), Map.of());
		}

	};

	private final WeatherTool broken = new WeatherTool() {

		@Override
		public McpSchema.Tool definition() {
			return ECHO;
		}

		@Override
		public CallToolResult call(Map<String, Object> arguments) {
			throw new IllegalStateException("bug at com.example.Internal");
		}

	};

	@Test
	void servesTheSameToolToBothServerKinds() {
		CallToolRequest request = new CallToolRequest("echo", Map.of("say", "hi"));

		McpServerFeatures.SyncToolSpecification sessionBased = ToolSpecifications.sessionBased(List.of(this.echo)).get(0);
		McpStatelessServerFeatures.SyncToolSpecification stateless = ToolSpecifications.stateless(List.of(this.echo)).get(0);

		assertThat(sessionBased.tool()).isSameAs(ECHO);
		assertThat(stateless.tool()).isSameAs(ECHO);
		assertThat(text(sessionBased.callHandler().apply(null, request))).isEqualTo("hi");
		assertThat(text(stateless.callHandler().apply(null, request))).isEqualTo("hi");
	}

	@Test
	void turnsAnUnexpectedExceptionIntoAToolErrorWithoutInternals() {
		CallToolRequest request = new CallToolRequest("echo", Map.of());

		CallToolResult sessionBased = ToolSpecifications.sessionBased(List.of(this.broken)).get(0).callHandler().apply(null, request);
		CallToolResult stateless = ToolSpecifications.stateless(List.of(this.broken)).get(0).callHandler().apply(null, request);

		for (CallToolResult result : List.of(sessionBased, stateless)) {
			assertThat(result.isError()).isTrue();
			assertThat(result.structuredContent()).isNull();
			assertThat(text(result)).isEqualTo("The echo tool failed unexpectedly. Try again later.");
		}
	}

	private static String text(CallToolResult result) {
		return ((TextContent) result.content().get(0)).text();
	}

}
