package io.amagasa.server.mcp;

import io.amagasa.resource.caller.CallerTransportContextExtractor;
import io.modelcontextprotocol.json.jackson3.JacksonMcpJsonMapper;
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
 * caller copied into each request's transport context (so tools can read who is calling), and idle
 * sessions expiring together with their bindings to callers.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class McpTransportConfiguration {

	@Bean
	@ConditionalOnProperty(name = "spring.ai.mcp.server.protocol", havingValue = "STREAMABLE", matchIfMissing = true)
	WebMvcStreamableServerTransportProvider webMvcStreamableServerTransportProvider(
			@Qualifier("mcpServerJsonMapper") JsonMapper jsonMapper, McpServerStreamableHttpProperties properties) {
		return WebMvcStreamableServerTransportProvider.builder()
			.jsonMapper(new JacksonMcpJsonMapper(jsonMapper))
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
			@Qualifier("mcpServerJsonMapper") JsonMapper jsonMapper, McpServerStreamableHttpProperties properties) {
		return WebMvcStatelessServerTransport.builder()
			.jsonMapper(new JacksonMcpJsonMapper(jsonMapper))
			.messageEndpoint(properties.getMcpEndpoint())
			.contextExtractor(new CallerTransportContextExtractor())
			.build();
	}

}
