package io.amagasa.weather.tool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.TypeRef;

/** Turns a JSON Schema written as text into the map the MCP SDK's {@code Tool} carries. */
public final class JsonSchemas {

	private JsonSchemas() {
	}

	public static Map<String, Object> parse(String json) {
		try {
			return McpJsonDefaults.getMapper().readValue(json, new TypeRef<Map<String, Object>>() {
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Invalid JSON Schema text", ex);
		}
	}

}
