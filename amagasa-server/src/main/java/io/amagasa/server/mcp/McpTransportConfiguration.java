package io.amagasa.server.mcp;

import io.amagasa.resource.caller.CallerTransportContextExtractor;
import io.amagasa.resource.jsonrpc.ParsedBodyHandoff;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.ai.mcp.server.common.autoconfigure.properties.McpServerStreamableHttpProperties;
import org.springframework.ai.mcp.server.webmvc.transport.WebMvcStatelessServerTransport;
import org.springframework.ai.mcp.server.webmvc.transport.WebMvcStreamableServerTransportProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Streamable HTTP transports, as Spring AI would build them, plus what Amagasa needs: the verified
 * caller copied into each request's transport context (so tools can read who is calling), idle
 * sessions expiring together with their bindings to callers, and the request body parsed once, by
 * authorization, for both.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class McpTransportConfiguration {

	/**
	 * Shared by the transport and the resource server's authorization filter: the filter parses each
	 * request body once, with the transport's mapper made strict, and the transport takes that tree.
	 */
	@Bean
	ParsedBodyHandoff parsedBodyHandoff(@Qualifier("mcpServerJsonMapper") JsonMapper jsonMapper) {
		return new ParsedBodyHandoff(jsonMapper);
	}

	@Bean
	@ConditionalOnProperty(name = "spring.ai.mcp.server.protocol", havingValue = "STREAMABLE", matchIfMissing = true)
	WebMvcStreamableServerTransportProvider webMvcStreamableServerTransportProvider(
			ParsedBodyHandoff handoff, McpServerStreamableHttpProperties properties) {
		return WebMvcStreamableServerTransportProvider.builder()
			.jsonMapper(handoff.transportMapper())
			.mcpEndpoint(properties.getMcpEndpoint())
			.keepAliveInterval(properties.getKeepAliveInterval())
			.disallowDelete(properties.isDisallowDelete())
			.contextExtractor(new CallerTransportContextExtractor())
			.sessionIdleTimeout(SessionLimits.IDLE_TIMEOUT)
			.maxSessions(SessionLimits.MAX_SESSIONS)
			.build();
	}

	@Bean
	@ConditionalOnProperty(name = "spring.ai.mcp.server.protocol", havingValue = "STATELESS")
	WebMvcStatelessServerTransport webMvcStatelessServerTransport(
			ParsedBodyHandoff handoff, McpServerStreamableHttpProperties properties) {
		return WebMvcStatelessServerTransport.builder()
			.jsonMapper(handoff.transportMapper())
			.messageEndpoint(properties.getMcpEndpoint())
			.contextExtractor(new CallerTransportContextExtractor())
			.build();
	}

}
