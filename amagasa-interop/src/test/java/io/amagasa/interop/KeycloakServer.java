package io.amagasa.interop;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Keycloak, a real third-party authorization server, run as a child process from the distribution the
 * build unpacks (maven-dependency-plugin, {@code org.keycloak:keycloak-quarkus-dist}) into
 * {@code target/keycloak}. Development mode with an in-memory H2 database, so every start is a clean
 * server; only the first start after unpacking pays for Quarkus' build step (tens of seconds). Output goes
 * to {@code target/interop-reports/<name>-keycloak.log}.
 */
final class KeycloakServer implements AutoCloseable {

	static final String ADMIN_USERNAME = "admin";

	static final String ADMIN_PASSWORD = "admin-" + Long.toHexString(System.nanoTime());

	/** The first start after unpacking builds the server; on a loaded machine that took 80 s. */
	private static final Duration READY_TIMEOUT = Duration.ofSeconds(240);

	private final Process process;

	private final int port;

	private final Path log;

	/** Stops Keycloak if the test JVM ends without {@link #close()} (an interrupted or timed-out run). */
	private final Thread killOnExit;

	private KeycloakServer(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
		this.killOnExit = new Thread(() -> {
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly();
		}, "keycloak-kill-on-exit");
		Runtime.getRuntime().addShutdownHook(this.killOnExit);
	}

	/** Starts Keycloak on a free loopback port without waiting: call {@link #awaitReady()} next. */
	static KeycloakServer start(String name) throws IOException {
		Path home = home();
		int port = ServerProcess.freePort();
		int managementPort = ServerProcess.freePort();
		String baseUrl = "http://127.0.0.1:" + port;
		List<String> command = List.of(home.resolve("bin/kc.sh").toString(), "start-dev", "--http-host=127.0.0.1",
				"--http-port=" + port, "--http-management-port=" + managementPort,
				// The issuer is fixed, whatever Host a request carries (localhost and 127.0.0.1 differ).
				"--hostname=" + baseUrl, "--db=dev-mem");
		Path log = Interop.reportsDir().resolve(name + "-keycloak.log");
		ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USERNAME);
		builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
		// Keycloak 26 runs on the Java 17 that runs these tests.
		builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
		Process process = builder.start();
		process.getOutputStream().close();
		return new KeycloakServer(process, port, log);
	}

	static Path home() {
		Path home = Path.of(System.getProperty("amagasa.keycloak.home", "target/keycloak/keycloak-26.7.3"));
		if (!Files.isExecutable(home.resolve("bin/kc.sh"))) {
			throw new IllegalStateException("No Keycloak distribution at " + home.toAbsolutePath()
					+ ": the build unpacks it in generate-test-resources (run the tests through Maven, e.g. "
					+ "./mvnw -pl amagasa-interop test -Dtest=KeycloakExternalIssuerTest)");
		}
		return home;
	}

	/** Polls the master realm's discovery document until it answers 200. */
	KeycloakServer awaitReady() throws IOException, InterruptedException {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		HttpRequest probe = HttpRequest.newBuilder(URI.create(baseUrl() + "/realms/master/.well-known/openid-configuration"))
			.timeout(Duration.ofSeconds(5))
			.build();
		Instant deadline = Instant.now().plus(READY_TIMEOUT);
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(
						"Keycloak exited with " + this.process.exitValue() + " before it was ready:\n" + output());
			}
			try {
				if (client.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					return this;
				}
			}
			catch (IOException notYetListening) {
				// not listening yet
			}
			Thread.sleep(250);
		}
		String output = output();
		close();
		throw new IllegalStateException("Keycloak was not ready within " + READY_TIMEOUT + ":\n" + output);
	}

	String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	String issuer(String realm) {
		return baseUrl() + "/realms/" + realm;
	}

	String output() throws IOException {
		return Files.readString(this.log);
	}

	/**
	 * Stops the server. In 26.7.3 {@code kc.sh} may stay as the parent of the java process, so the
	 * descendants (the JVM) are stopped first, then the script.
	 */
	@Override
	public void close() throws InterruptedException {
		try {
			Runtime.getRuntime().removeShutdownHook(this.killOnExit);
		}
		catch (IllegalStateException shuttingDown) {
			// the hook runs anyway
		}
		List<ProcessHandle> descendants = this.process.descendants().toList();
		descendants.forEach(ProcessHandle::destroy);
		this.process.destroy();
		for (ProcessHandle handle : descendants) {
			try {
				handle.onExit().get(20, TimeUnit.SECONDS);
			}
			catch (Exception notStopped) {
				handle.destroyForcibly();
			}
		}
		if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
			this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
		}
	}

}
