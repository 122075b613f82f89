package io.amagasa.server.mcp;

import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.ValueSerializer;
import tools.jackson.databind.module.SimpleModule;

import org.springframework.stereotype.Component;

/**
 * The Streamable HTTP transport answers a malformed request (bad JSON, no session id, unknown session)
 * with an {@link McpError} as the HTTP body, which Jackson would otherwise write as a bean: exception
 * class, message and the whole stack trace. This module writes it as what it is, a JSON-RPC error
 * response without an id: {@code {"jsonrpc":"2.0","id":null,"error":{"code":…,"message":…}}}.
 */
@Component
class McpErrorJsonModule extends SimpleModule {

	McpErrorJsonModule() {
		super("amagasa-mcp-error");
		addSerializer(McpError.class, new JsonRpcErrorSerializer());
	}

	private static final class JsonRpcErrorSerializer extends ValueSerializer<McpError> {

		@Override
		public void serialize(McpError error, JsonGenerator json, SerializationContext context) {
			McpSchema.JSONRPCResponse.JSONRPCError rpc = error.getJsonRpcError();
			json.writeStartObject();
			json.writeStringProperty("jsonrpc", McpSchema.JSONRPC_VERSION);
			json.writeNullProperty("id");
			json.writeName("error");
			json.writeStartObject();
			json.writeNumberProperty("code",
					rpc != null && rpc.code() != null ? rpc.code() : McpSchema.ErrorCodes.INTERNAL_ERROR);
			json.writeStringProperty("message", rpc != null ? rpc.message() : "Internal error");
			json.writeEndObject();
			json.writeEndObject();
		}

	}

}
