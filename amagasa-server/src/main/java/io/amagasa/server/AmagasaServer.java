package io.amagasa.server;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import io.amagasa.authorization.user.UsersCommand;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The Amagasa MCP server. Started plainly it serves Streamable HTTP on {@code /mcp}; started with
 * {@code --stdio} it speaks MCP over standard input and output for a local client; started with
 * {@code users ...} it manages the embedded authorization server's accounts and exits.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AmagasaServer {

	static final String STDIO_FLAG = "--stdio";

	public static void main(String[] args) {
		if (UsersCommand.isRequestedBy(args)) {
			System.exit(UsersCommand.run(args));
		}
		boolean stdio = Arrays.asList(args).contains(STDIO_FLAG);
		SpringApplication application = new SpringApplication(AmagasaServer.class);
		if (stdio) {
			application.setDefaultProperties(stdioProperties());
		}
		application.run(Arrays.stream(args).filter(arg -> !STDIO_FLAG.equals(arg)).toArray(String[]::new));
	}

	/**
	 * In stdio mode stdout carries only JSON-RPC messages, so there is no web server, no banner, and
	 * every log line goes to stderr. Authorization does not apply to stdio (RS-30): the local process
	 * boundary is the trust boundary.
	 */
	static Map<String, Object> stdioProperties() {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.main.web-application-type", "none");
		properties.put("spring.main.banner-mode", "off");
		properties.put("spring.ai.mcp.server.stdio", "true");
		properties.put("logging.config", "classpath:logback-stdio.xml");
		return properties;
	}

}
