package io.amagasa.resource.jsonrpc;

/**
 * A request body parsed once, by {@link JsonRpcEnvelopeReader}.
 *
 * @param text the body as text (UTF-8, RFC 8259 §8.1)
 * @param tree the JSON tree: a {@code Map} for a message, a {@code List} for a batch, as the transport's
 * mapper would read it untyped
 * @param envelope what authorization needs of it
 */
public record JsonRpcBody(String text, Object tree, JsonRpcEnvelope envelope) {

	/** No body at all (a GET or DELETE, or an empty POST). */
	public static final JsonRpcBody EMPTY = new JsonRpcBody("", null, JsonRpcEnvelope.EMPTY);

}
