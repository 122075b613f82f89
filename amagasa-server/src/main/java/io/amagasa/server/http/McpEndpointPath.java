package io.amagasa.server.http;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/** The path of the MCP endpoint, as the transport serves it ({@code /mcp} by default). */
@Component
public class McpEndpointPath {

	private final String path;

	McpEndpointPath(@Value("${spring.ai.mcp.server.streamable-http.mcp-endpoint:/mcp}") String path) {
		this.path = path;
	}

	public String path() {
		return this.path;
	}

	public boolean matches(HttpServletRequest request) {
		return this.path.equals(request.getRequestURI().substring(request.getContextPath().length()));
	}

}
