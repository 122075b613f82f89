package io.amagasa.resource.jsonrpc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What authorization needs to know of an MCP request body: each JSON-RPC message's method, id and,
 * for {@code tools/call}, the tool name. Read once, before the transport reads the same bytes.
 *
 * @param messages the messages in the body (one, or several for a JSON-RPC batch of the 2025-03-26
 * protocol)
 */
public record JsonRpcEnvelope(List<Message> messages) {

	public static final String TOOLS_CALL = "tools/call";

	public static final String TOOLS_LIST = "tools/list";

	public static final String INITIALIZE = "initialize";

	public static final JsonRpcEnvelope EMPTY = new JsonRpcEnvelope(List.of());

	/**
	 * @param method the JSON-RPC method, {@code null} for a response sent by the client
	 * @param id the request id as JSON text (e.g. {@code 7} or {@code "a"}), {@code null} for a notification
	 * (or an id that is neither a string nor a number)
	 * @param toolName the {@code params.name} of a {@code tools/call}, otherwise {@code null}
	 */
	public record Message(String method, String id, String toolName) {

		public boolean isToolCall() {
			return TOOLS_CALL.equals(this.method);
		}

	}

	public boolean isInitialize() {
		return this.messages.stream().anyMatch(message -> INITIALIZE.equals(message.method()));
	}

	public boolean isToolsList() {
		return this.messages.size() == 1 && TOOLS_LIST.equals(this.messages.get(0).method());
	}

	/** The id of the single request in the body, for error responses that must echo it. */
	public Optional<String> singleRequestId() {
		return this.messages.size() == 1 ? Optional.ofNullable(this.messages.get(0).id()) : Optional.empty();
	}

	/**
	 * Names of the tools this body calls; a tools/call without a name yields {@code ""}. Asked by the policy
	 * and the audit line of every request, nearly always of one message: that case allocates no list
	 * beyond the result.
	 */
	public List<String> calledTools() {
		if (this.messages.size() == 1) {
			Message message = this.messages.get(0);
			return message.isToolCall() ? List.of(calledTool(message)) : List.of();
		}
		List<String> tools = new ArrayList<>(this.messages.size());
		for (Message message : this.messages) {
			if (message.isToolCall()) {
				tools.add(calledTool(message));
			}
		}
		return List.copyOf(tools);
	}

	private static String calledTool(Message message) {
		return (message.toolName() == null) ? "" : message.toolName();
	}

}
