package io.amagasa.server.security;

import java.util.ArrayList;
import java.util.List;

import io.amagasa.server.AmagasaServer;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The server in {@code external} mode on a free port, started as a user starts it: with command-line settings. */
final class ExternalModeApplication {

	static final String PUBLIC_BASE_URL = "https://mcp.example.test";

	private ExternalModeApplication() {
	}

	static ConfigurableApplicationContext start(String issuer, String... settings) {
		List<String> arguments = new ArrayList<>(List.of("--server.port=0", "--amagasa.public-base-url=" + PUBLIC_BASE_URL,
				"--amagasa.auth.mode=external", "--amagasa.auth.external.issuer=" + issuer));
		arguments.addAll(List.of(settings));
		return new SpringApplicationBuilder(AmagasaServer.class).run(arguments.toArray(String[]::new));
	}

	static String baseUrl(ConfigurableApplicationContext server) {
		return "http://127.0.0.1:" + ((WebServerApplicationContext) server).getWebServer().getPort();
	}

}
