package io.amagasa.resource.jsonrpc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses a request body into a {@link JsonRpcBody}: the JSON tree, with the {@link JsonRpcEnvelope}
 * authorization needs read from it. Parsing is strict: the whole body must be one JSON value, and a body
 * with duplicate keys at any depth is refused, because a lenient reader could see
 * {@code "name":"get_forecast"} where the transport, reading the last duplicate, calls another tool — an
 * authorization bypass. A body this reader accepts parses to the same tree under the transport's own,
 * lenient settings, which is what lets the transport take this tree instead of parsing the body again
 * ({@link ParsedBodyHandoff}). When a body is both malformed JSON and an invalid request, the parse error is
 * reported, as JSON-RPC orders them.
 */
public final class JsonRpcEnvelopeReader {

	private static final String METHOD = "method";

	private static final String ID = "id";

	private static final String PARAMS = "params";

	private static final String NAME = "name";

	private static final String PARSE_ERROR = "Parse error: the body is not valid JSON (or repeats a key)";

	private static final String NOT_AN_OBJECT = "Invalid Request: a JSON-RPC message must be an object";

	private final JsonMapper strict;

	/**
	 * @param mapper the mapper the MCP transport parses messages with; this reader uses a copy of it that
	 * refuses duplicate keys and trailing content, and is otherwise the same (numbers, modules, limits)
	 */
	public JsonRpcEnvelopeReader(JsonMapper mapper) {
		this.strict = mapper.rebuild()
			.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
			.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.build();
	}

	/**
	 * @throws MalformedJsonRpcException when the body is not a JSON object or array of objects
	 */
	public JsonRpcBody read(byte[] body) {
		if (body.length == 0) {
			return JsonRpcBody.EMPTY;
		}
		// JSON is UTF-8 (RFC 8259 §8.1). The tree is parsed from this text, so that the transport, which
		// gets the body as text, can tell by comparing texts that the tree is of its own body.
		String text = new String(body, StandardCharsets.UTF_8);
		if (text.isBlank()) {
			throw new MalformedJsonRpcException(NOT_AN_OBJECT);
		}
		Object tree;
		try {
			tree = this.strict.readValue(text, Object.class);
		}
		catch (JacksonException ex) {
			throw new MalformedJsonRpcException(PARSE_ERROR);
		}
		Messages messages = new Messages();
		if (tree instanceof List<?> batch) {
			batch.forEach(messages::read);
		}
		else {
			messages.read(tree);
		}
		return new JsonRpcBody(text, tree, messages.envelope());
	}

	/** The messages read so far, and the first reason the body is not a valid request. */
	private static final class Messages {

		private final List<JsonRpcEnvelope.Message> read = new ArrayList<>(1);

		private String invalid;

		void invalid(String reason) {
			if (this.invalid == null) {
				this.invalid = reason;
			}
		}

		JsonRpcEnvelope envelope() {
			if (this.invalid != null) {
				throw new MalformedJsonRpcException(this.invalid);
			}
			return new JsonRpcEnvelope(List.copyOf(this.read));
		}

		void read(Object node) {
			if (!(node instanceof Map<?, ?> message)) {
				invalid(NOT_AN_OBJECT);
				return;
			}
			String method = null;
			if (message.containsKey(METHOD)) {
				if (message.get(METHOD) instanceof String name) {
					method = name;
				}
				else {
					invalid("Invalid Request: 'method' must be a string");
				}
			}
			String toolName = null;
			boolean toolsCall = JsonRpcEnvelope.TOOLS_CALL.equals(method);
			if (toolsCall && message.get(PARAMS) instanceof Map<?, ?> params && params.containsKey(NAME)) {
				if (params.get(NAME) instanceof String name) {
					toolName = name;
				}
				else {
					invalid("Invalid params: tools/call 'name' must be a string");
				}
			}
			this.read.add(new JsonRpcEnvelope.Message(method, idText(message.get(ID)), toolName));
		}

		/**
		 * The id as JSON text ({@code 7}, {@code "a"}); {@code null} when JSON null, or not a string or
		 * number at all (an invalid id, which the transport answers).
		 */
		private static String idText(Object id) {
			if (id instanceof String string) {
				StringBuilder quoted = new StringBuilder(string.length() + 2).append('"');
				JsonStringEncoder.getInstance().quoteAsString(string, quoted);
				return quoted.append('"').toString();
			}
			return (id instanceof Number number) ? number.toString() : null;
		}

	}

}
