package io.amagasa.server;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code users ...} as first program arguments: the server's real main class, in its own JVM, manages the
 * accounts in the database under {@code amagasa.data-dir} and exits with 0 or 1.
 */
class UsersCommandProcessTest {

	@TempDir
	Path dataDir;

	@Test
	void addsAndListsUsersThenExits() throws Exception {
		Run added = run("correct-horse-battery\n", "users", "add", "alice", "--password-stdin");
		assertThat(added.status()).as(added.err()).isZero();
		assertThat(added.out()).isEqualTo("Added user alice.\n");
		assertThat(Files.exists(this.dataDir.resolve("amagasa.mv.db"))).isTrue();

		Run duplicate = run("correct-horse-battery\n", "users", "add", "alice", "--password-stdin");
		assertThat(duplicate.status()).isOne();
		assertThat(duplicate.err()).contains("amagasa users: A user named 'alice' exists already.");

		Run tooShort = run("short\n", "users", "passwd", "alice", "--password-stdin");
		assertThat(tooShort.status()).isOne();
		assertThat(tooShort.err()).contains("too short");

		Run listed = run("", "users", "list");
		assertThat(listed.status()).as(listed.err()).isZero();
		assertThat(listed.out()).isEqualTo("alice\n");
	}

	private Run run(String stdin, String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-cp", System.getProperty("java.class.path"), AmagasaServer.class.getName()));
		command.addAll(List.of(arguments));
		command.add("--amagasa.data-dir=" + this.dataDir);
		Path out = Files.createTempFile(this.dataDir, "out", ".txt");
		Path err = Files.createTempFile(this.dataDir, "err", ".txt");
		Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
		try (OutputStream input = process.getOutputStream()) {
			input.write(stdin.getBytes(StandardCharsets.UTF_8));
		}
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the command exits").isTrue();
		return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
	}

	record Run(int status, String out, String err) {

	}

}
