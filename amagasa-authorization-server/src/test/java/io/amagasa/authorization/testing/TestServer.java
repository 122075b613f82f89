package io.amagasa.authorization.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One running application on a loopback port, started with the given settings as command-line arguments
 * (the highest precedence). Closing it stops the application.
 */
public final class TestServer implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	private final int port;

	private TestServer(ConfigurableApplicationContext context, int port) {
		this.context = context;
		this.port = port;
	}

	/**
	 * Starts the application on a free port, trying another one when a concurrent build took the port
	 * between choosing and binding it.
	 * @param settings the settings for a given port
	 */
	public static TestServer start(Class<?> application, IntFunction<Map<String, Object>> settings) {
		for (int attempt = 1;; attempt++) {
			int port = freePort();
			try {
				return start(application, port, settings.apply(port));
			}
			catch (RuntimeException ex) {
				if (attempt == 3 || !portInUse(ex)) {
					throw ex;
				}
			}
		}
	}

	private static boolean portInUse(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof PortInUseException) {
				return true;
			}
		}
		return false;
	}

	/**
	 * @param application the application's configuration class
	 * @param port the port, chosen beforehand when the settings must name it
	 */
	public static TestServer start(Class<?> application, int port, Map<String, Object> settings) {
		Map<String, Object> all = new LinkedHashMap<>();
		all.put("server.port", port);
		all.put("server.address", "127.0.0.1");
		all.put("amagasa.public-base-url", "http://localhost:" + port);
		all.put("spring.main.banner-mode", "off");
		all.putAll(settings);
		List<String> arguments = new ArrayList<>();
		all.forEach((name, value) -> arguments.add("--" + name + "=" + value));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
			.run(arguments.toArray(String[]::new));
		return new TestServer(context, port);
	}

	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public String baseUrl() {
		return "http://localhost:" + this.port;
	}

	public int port() {
		return this.port;
	}

	public ConfigurableApplicationContext context() {
		return this.context;
	}

	@Override
	public void close() {
		this.context.close();
	}

}
