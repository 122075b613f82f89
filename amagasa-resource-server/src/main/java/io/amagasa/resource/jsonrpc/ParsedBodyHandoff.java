package io.amagasa.resource.jsonrpc;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Arrays;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Hands the JSON tree authorization parsed from a request body to the MCP transport, which would otherwise
 * parse the same body again: one parse per request instead of two (the second parse was about 1.5 % of
 * the server's CPU on a cached {@code tools/call}), and the transport acts on the very tree the policy
 * decided on, so no difference between two parsers can let a call through that the policy did not see.
 * <p>
 * Written by hand because neither the MCP SDK nor Spring AI lets a filter give the transport a parsed
 * message: the transport reads the body as text and parses it with its {@link McpJsonMapper}
 * ({@code McpSchema.deserializeJsonRpcMessage}). So the transport gets {@link #transportMapper()}: the first
 * text it parses on a request thread with a body handed over must be the text the tree was parsed from,
 * and it gets the tree. A different text means the transport decoded the bytes otherwise than as UTF-8
 * (RFC 8259 §8.1), under a charset the client declared or, with no charset and a media type other than
 * JSON, as ISO-8859-1: that is refused, as the transport refuses a message it cannot read (400, "Invalid
 * message format"), because parsing it would act on a message the policy never saw. Reads on other
 * threads, of other types, or after the first, parse as the transport's own mapper does.
 */
public final class ParsedBodyHandoff {

	/** In the slot once the transport was refused its text: the request's filter audits the refusal. */
	private static final JsonRpcBody REFUSED = new JsonRpcBody("", null, JsonRpcEnvelope.EMPTY);

	private final JsonMapper transportJsonMapper;

	/** The body handed over on this request thread, until the transport takes it or the request ends. */
	private final ThreadLocal<JsonRpcBody> handedOver = new ThreadLocal<>();

	/**
	 * @param transportJsonMapper the mapper the MCP transport parses messages with (Spring AI's
	 * {@code mcpServerJsonMapper})
	 */
	public ParsedBodyHandoff(JsonMapper transportJsonMapper) {
		this.transportJsonMapper = transportJsonMapper;
	}

	/** The reader for request bodies: strict, and otherwise with the transport's settings. */
	public JsonRpcEnvelopeReader reader() {
		return new JsonRpcEnvelopeReader(this.transportJsonMapper);
	}

	/** The mapper to build the MCP transport with. */
	public McpJsonMapper transportMapper() {
		return new HandedOverTreeMapper(new JacksonMcpJsonMapper(this.transportJsonMapper));
	}

	/** Hands the body over to the transport, for the rest of this request on this thread. */
	public void handOver(JsonRpcBody body) {
		if (body.tree() != null) {
			this.handedOver.set(body);
		}
	}

	/**
	 * Ends the hand-over: called when the request leaves the filter, whether or not it was taken.
	 * @return whether the transport was refused the body, because it decoded it to other text
	 */
	public boolean end() {
		boolean refused = this.handedOver.get() == REFUSED;
		this.handedOver.remove();
		return refused;
	}

	/**
	 * The handed-over tree, if any, when it is what reading {@code text} as {@code type} gives.
	 * @throws IOException when a body was handed over and {@code text} is not its text
	 */
	private Object take(String text, Type type) throws IOException {
		JsonRpcBody body = this.handedOver.get();
		if (body == null || body == REFUSED) {
			return null;
		}
		if (!body.text().equals(text)) {
			this.handedOver.set(REFUSED);
			throw new IOException("The request body must be UTF-8 (RFC 8259 §8.1)");
		}
		// Once: the tree is mutable, and a second read gets a fresh one.
		this.handedOver.remove();
		return untyped(type, body.tree()) ? body.tree() : null;
	}

	/**
	 * Whether reading as {@code type} gives exactly the untyped tree: a raw type the tree is an instance of
	 * ({@code Object}, {@code Map}, {@code HashMap}), or a map from {@code String} to {@code Object}.
	 */
	private static boolean untyped(Type type, Object tree) {
		if (type instanceof Class<?> raw) {
			return raw.isInstance(tree);
		}
		return type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw
				&& raw.isInstance(tree)
				&& Arrays.equals(parameterized.getActualTypeArguments(), new Type[] { String.class, Object.class });
	}

	/** The transport's mapper, reading a handed-over tree instead of parsing its text again. */
	private final class HandedOverTreeMapper implements McpJsonMapper {

		private final McpJsonMapper parser;

		HandedOverTreeMapper(McpJsonMapper parser) {
			this.parser = parser;
		}

		@Override
		@SuppressWarnings("unchecked")
		public <T> T readValue(String content, Class<T> type) throws IOException {
			Object tree = take(content, type);
			return (tree != null) ? (T) tree : this.parser.readValue(content, type);
		}

		@Override
		@SuppressWarnings("unchecked")
		public <T> T readValue(String content, TypeRef<T> type) throws IOException {
			Object tree = take(content, type.getType());
			return (tree != null) ? (T) tree : this.parser.readValue(content, type);
		}

		@Override
		public <T> T readValue(byte[] content, Class<T> type) throws IOException {
			return this.parser.readValue(content, type);
		}

		@Override
		public <T> T readValue(byte[] content, TypeRef<T> type) throws IOException {
			return this.parser.readValue(content, type);
		}

		@Override
		public <T> T convertValue(Object fromValue, Class<T> type) {
			return this.parser.convertValue(fromValue, type);
		}

		@Override
		public <T> T convertValue(Object fromValue, TypeRef<T> type) {
			return this.parser.convertValue(fromValue, type);
		}

		@Override
		public String writeValueAsString(Object value) throws IOException {
			return this.parser.writeValueAsString(value);
		}

		@Override
		public byte[] writeValueAsBytes(Object value) throws IOException {
			return this.parser.writeValueAsBytes(value);
		}

	}

}
