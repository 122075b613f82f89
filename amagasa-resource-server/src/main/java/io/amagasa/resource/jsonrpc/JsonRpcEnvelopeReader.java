package io.amagasa.resource.jsonrpc;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the {@link JsonRpcEnvelope} of a request body. Parsing is strict: a body with duplicate keys is
 * refused, because a lenient reader could see {@code "name":"get_forecast"} where the transport, reading
 * the last duplicate, calls another tool — an authorization bypass.
 */
public final class JsonRpcEnvelopeReader {

	private final JsonMapper mapper = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.build();

	/**
	 * @throws MalformedJsonRpcException when the body is not a JSON object or array of objects
	 */
	public JsonRpcEnvelope read(byte[] body) {
		if (body.length == 0) {
			return JsonRpcEnvelope.EMPTY;
		}
		JsonNode root;
		try {
			root = this.mapper.readTree(body);
		}
		catch (JacksonException ex) {
			throw new MalformedJsonRpcException("Parse error: the body is not valid JSON (or repeats a key)");
		}
		List<JsonRpcEnvelope.Message> messages = new ArrayList<>();
		if (root.isArray()) {
			for (JsonNode element : root) {
				messages.add(message(element));
			}
		}
		else {
			messages.add(message(root));
		}
		return new JsonRpcEnvelope(List.copyOf(messages));
	}

	private static JsonRpcEnvelope.Message message(JsonNode node) {
		if (!node.isObject()) {
			throw new MalformedJsonRpcException("Invalid Request: a JSON-RPC message must be an object");
		}
		JsonNode method = node.get("method");
		if (method != null && !method.isString()) {
			throw new MalformedJsonRpcException("Invalid Request: 'method' must be a string");
		}
		JsonNode id = node.get("id");
		String methodName = method == null ? null : method.asString();
		String toolName = null;
		if (JsonRpcEnvelope.TOOLS_CALL.equals(methodName)) {
			JsonNode name = node.path("params").get("name");
			if (name != null && !name.isString()) {
				throw new MalformedJsonRpcException("Invalid params: tools/call 'name' must be a string");
			}
			toolName = name == null ? null : name.asString();
		}
		return new JsonRpcEnvelope.Message(methodName, id == null || id.isNull() ? null : id.toString(), toolName);
	}

}
