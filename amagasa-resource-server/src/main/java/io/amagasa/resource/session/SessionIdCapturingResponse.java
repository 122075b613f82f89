package io.amagasa.resource.session;

import java.util.function.Consumer;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * Sees the {@code Mcp-Session-Id} the transport assigns in its response to {@code initialize}, at the
 * moment it is set, so the session is bound to its creator before the client can learn its id.
 */
final class SessionIdCapturingResponse extends HttpServletResponseWrapper {

	static final String MCP_SESSION_ID = "Mcp-Session-Id";

	private final Consumer<String> onSessionId;

	SessionIdCapturingResponse(HttpServletResponse response, Consumer<String> onSessionId) {
		super(response);
		this.onSessionId = onSessionId;
	}

	@Override
	public void setHeader(String name, String value) {
		capture(name, value);
		super.setHeader(name, value);
	}

	@Override
	public void addHeader(String name, String value) {
		capture(name, value);
		super.addHeader(name, value);
	}

	private void capture(String name, String value) {
		if (MCP_SESSION_ID.equalsIgnoreCase(name) && value != null) {
			this.onSessionId.accept(value);
		}
	}

}
