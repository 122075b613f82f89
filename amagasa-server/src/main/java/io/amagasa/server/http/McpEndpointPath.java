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

	/**
	 * Whether the request is for the endpoint as the transport routes it: by its decoded path, so that
	 * {@code /mc%70} is {@code /mcp} here too, and nothing the transport answers escapes a check that asks.
	 */
	public boolean matches(HttpServletRequest request) {
		return this.path.equals(pathWithinApplication(request));
	}

	/** The decoded, normalized path after the context path: the servlet path and the path info. */
	public static String pathWithinApplication(HttpServletRequest request) {
		String pathInfo = request.getPathInfo();
		return (pathInfo == null) ? request.getServletPath() : request.getServletPath() + pathInfo;
	}

}
