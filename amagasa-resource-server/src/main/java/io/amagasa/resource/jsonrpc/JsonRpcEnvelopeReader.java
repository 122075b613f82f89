package io.amagasa.resource.jsonrpc;

import java.util.ArrayList;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;

/**
 * Reads the {@link JsonRpcEnvelope} of a request body, token by token: only the fields authorization needs
 * are kept, nothing else of the body is materialized (every request pays for this read, on top of the
 * transport's own). Parsing is strict: the whole body must be one JSON value, and a body with duplicate keys
 * at any depth is refused, because a lenient reader could see {@code "name":"get_forecast"} where the
 * transport, reading the last duplicate, calls another tool — an authorization bypass. When a body is
 * both malformed JSON and an invalid request, the parse error is reported, as JSON-RPC orders them.
 */
public final class JsonRpcEnvelopeReader {

	private static final String METHOD = "method";

	private static final String ID = "id";

	private static final String PARAMS = "params";

	private static final String NAME = "name";

	private static final String PARSE_ERROR = "Parse error: the body is not valid JSON (or repeats a key)";

	private static final String NOT_AN_OBJECT = "Invalid Request: a JSON-RPC message must be an object";

	/**
	 * The streaming parser's factory, not a mapper: nothing is bound to objects, and a mapper's parser
	 * comes with a deserialization context built for every body. Its buffers are kept per thread: the
	 * servlet container's request threads are pooled, so each reuses its own without a lock or a
	 * compare-and-set, where Jackson's default pool (a concurrent deque) cost 0.6 µs per request
	 * (async-profiler, about a third of this read). On virtual threads a request gets fresh buffers, as
	 * with no pool at all.
	 */
	private final JsonFactory json = JsonFactory.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.recyclerPool(JsonRecyclerPools.threadLocalPool())
		.build();

	/**
	 * @throws MalformedJsonRpcException when the body is not a JSON object or array of objects
	 */
	public JsonRpcEnvelope read(byte[] body) {
		if (body.length == 0) {
			return JsonRpcEnvelope.EMPTY;
		}
		Messages messages = new Messages();
		try (JsonParser parser = this.json.createParser(ObjectReadContext.empty(), body)) {
			JsonToken first = parser.nextToken();
			if (first == JsonToken.START_ARRAY) {
				for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
					messages.read(parser, token);
				}
			}
			else if (first == null) {
				messages.invalid(NOT_AN_OBJECT);
			}
			else {
				messages.read(parser, first);
			}
			if (parser.nextToken() != null) {
				throw new MalformedJsonRpcException(PARSE_ERROR);
			}
		}
		catch (JacksonException ex) {
			throw new MalformedJsonRpcException(PARSE_ERROR);
		}
		return messages.envelope();
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

		/** One message, from its first token; the parser is left on its last. */
		void read(JsonParser parser, JsonToken token) {
			if (token == null) {
				throw new MalformedJsonRpcException(PARSE_ERROR);
			}
			if (token != JsonToken.START_OBJECT) {
				invalid(NOT_AN_OBJECT);
				parser.skipChildren();
				return;
			}
			String method = null;
			String id = null;
			String toolName = null;
			boolean toolNameNotString = false;
			for (JsonToken field = parser.nextToken(); field == JsonToken.PROPERTY_NAME; field = parser.nextToken()) {
				String fieldName = parser.currentName();
				JsonToken value = parser.nextToken();
				switch (fieldName) {
					case METHOD -> {
						if (value == JsonToken.VALUE_STRING) {
							method = parser.getString();
						}
						else {
							invalid("Invalid Request: 'method' must be a string");
							parser.skipChildren();
						}
					}
					case ID -> id = idText(parser, value);
					case PARAMS -> {
						if (value == JsonToken.START_OBJECT) {
							for (JsonToken param = parser.nextToken(); param == JsonToken.PROPERTY_NAME; param = parser
								.nextToken()) {
								boolean isName = NAME.equals(parser.currentName());
								JsonToken paramValue = parser.nextToken();
								if (isName && paramValue == JsonToken.VALUE_STRING) {
									toolName = parser.getString();
								}
								else if (isName) {
									toolNameNotString = true;
								}
								parser.skipChildren();
							}
						}
						else {
							parser.skipChildren();
						}
					}
					default -> parser.skipChildren();
				}
			}
			boolean toolsCall = JsonRpcEnvelope.TOOLS_CALL.equals(method);
			if (toolsCall && toolNameNotString) {
				invalid("Invalid params: tools/call 'name' must be a string");
			}
			this.read.add(new JsonRpcEnvelope.Message(method, id, toolsCall ? toolName : null));
		}

		/**
		 * The id as JSON text ({@code 7}, {@code "a"}); {@code null} when JSON null, or not a string or
		 * number at all (an invalid id, which the transport answers).
		 */
		private static String idText(JsonParser parser, JsonToken value) {
			return switch (value) {
				case VALUE_STRING -> {
					StringBuilder quoted = new StringBuilder().append('"');
					JsonStringEncoder.getInstance().quoteAsString(parser.getString(), quoted);
					yield quoted.append('"').toString();
				}
				case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getString();
				default -> {
					parser.skipChildren();
					yield null;
				}
			};
		}

	}

}
