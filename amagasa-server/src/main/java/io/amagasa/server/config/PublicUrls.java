package io.amagasa.server.config;

import java.net.URI;

import io.amagasa.server.http.McpEndpointPath;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The URLs clients use, from configuration and never from request headers (RS-03): the public base URL
 * ({@code amagasa.public-base-url}, default the local listen address) and the MCP endpoint URL under
 * it, which is the resource identifier.
 */
@Component
public class PublicUrls {

	private final URI configured;

	private final int port;

	private final String mcpPath;

	PublicUrls(AmagasaProperties properties, McpEndpointPath mcpEndpointPath,
			@Value("${server.port:8080}") int port) {
		this.configured = properties.publicBaseUrl();
		this.port = port;
		this.mcpPath = mcpEndpointPath.path();
	}

	public URI baseUrl() {
		if (this.configured != null) {
			return this.configured;
		}
		if (this.port == 0) {
			throw new IllegalStateException("amagasa.public-base-url must be set when server.port is 0 "
					+ "(a random port): the resource identifier cannot be derived from an unknown port");
		}
		return URI.create("http://localhost:" + this.port);
	}

	/** The MCP endpoint URL: the resource identifier of RFC 8707 and RFC 9728. */
	public URI mcpEndpoint() {
		return URI.create(baseUrl() + this.mcpPath);
	}

}
