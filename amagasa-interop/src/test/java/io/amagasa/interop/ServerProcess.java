package io.amagasa.interop;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged server jar, run as a child process on a free loopback port, exactly as a user runs it.
 * Output goes to a log file under target/interop-reports so a failing test can be read afterwards.
 */
final class ServerProcess implements AutoCloseable {

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

	private final Process process;

	private final int port;

	private final Path log;

	private ServerProcess(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/** Starts the server over HTTP and waits until its readiness probe answers UP. */
	static ServerProcess start(String name, Map<String, String> environment, String... arguments)
			throws IOException, InterruptedException {
		return start(name, freePort(), environment, arguments);
	}

	/**
	 * As {@link #start(String, Map, String...)}, on a port chosen beforehand (from {@link #freePort()}), for
	 * arguments that must name it, such as {@code amagasa.public-base-url}.
	 */
	static ServerProcess start(String name, int port, Map<String, String> environment, String... arguments)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(javaExecutable(), "-jar", snapshot(serverJar()).toString(),
				"--server.port=" + port));
		command.addAll(List.of(arguments));
		Path log = Interop.reportsDir().resolve(name + "-server.log");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().putAll(environment);
		ServerProcess server = new ServerProcess(builder.start(), port, log);
		server.awaitReady();
		return server;
	}

	static Path serverJar() {
		Path jar = Path.of(System.getProperty("amagasa.server.jar", "../amagasa-server/target/amagasa-server.jar"));
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException("The server jar " + jar.toAbsolutePath()
					+ " does not exist: build it first (./mvnw verify builds it before these tests run)");
		}
		return jar;
	}

	/**
	 * A private copy of the jar for one server: a rebuild that replaces the jar while the server runs (another
	 * build in the same workspace) would otherwise break its class loading with NoClassDefFoundError.
	 */
	static Path snapshot(Path jar) throws IOException {
		Path copy = Files.createTempFile("amagasa-server-", ".jar");
		copy.toFile().deleteOnExit();
		return Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
	}

	static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	int port() {
		return this.port;
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	/** The MCP endpoint under the default public base URL ({@code http://localhost:{port}}): the resource identifier. */
	String publicMcpUrl() {
		return "http://localhost:" + this.port + "/mcp";
	}

	String mcpUrl() {
		return baseUrl() + "/mcp";
	}

	Process process() {
		return this.process;
	}

	String output() throws IOException {
		return Files.readString(this.log);
	}

	private void awaitReady() throws IOException, InterruptedException {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
		Instant deadline = Instant.now().plus(READY_TIMEOUT);
		HttpRequest probe = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness"))
			.timeout(Duration.ofSeconds(2))
			.build();
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("The server exited with " + this.process.exitValue()
						+ " before it was ready:\n" + output());
			}
			try {
				if (client.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return;
				}
			}
			catch (IOException notYetListening) {
				// The port is not open yet: poll again.
			}
			Thread.sleep(100);
		}
		close();
		throw new IllegalStateException("The server was not ready within " + READY_TIMEOUT + ":\n" + output());
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
		}
	}

}
