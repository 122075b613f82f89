package io.amagasa.authorization.user;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code users} command as {@code AmagasaServer.main} runs it, on a real database, in this JVM. */
class UsersCommandTests {

	private final String database = "--spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

	@Test
	void addsListsChangesAndRemovesUsers() {
		assertThat(run("correct-horse-battery\n", "users", "add", "Alice", "--password-stdin", this.database))
			.isEqualTo(new Result(0, "Added user alice.\n", ""));
		assertThat(run("correct-horse-battery\n", "users", "add", "bob", "--password-stdin", this.database).status()).isZero();
		assertThat(run("", "users", "list", this.database)).isEqualTo(new Result(0, "alice\nbob\n", ""));
		assertThat(run("another-good-password\n", "users", "passwd", "alice", "--password-stdin", this.database))
			.isEqualTo(new Result(0, "Changed the password of user alice.\n", ""));
		assertThat(run("", "users", "remove", "bob", this.database))
			.isEqualTo(new Result(0, "Removed user bob with their remembered consents and tokens.\n", ""));
		assertThat(run("", "users", "list", this.database)).isEqualTo(new Result(0, "alice\n", ""));
	}

	@Test
	void refusesDuplicatesShortPasswordsAndUnknownUsersWithStatusOne() {
		run("correct-horse-battery\n", "users", "add", "alice", "--password-stdin", this.database);
		assertThat(run("correct-horse-battery\n", "users", "add", "ALICE", "--password-stdin", this.database))
			.isEqualTo(new Result(1, "", "amagasa users: A user named 'alice' exists already.\n"));
		assertThat(run("eleven-char\n", "users", "add", "bob", "--password-stdin", this.database))
			.isEqualTo(new Result(1, "", "amagasa users: The password is too short: use at least 12 characters.\n"));
		assertThat(run("", "users", "remove", "nobody", this.database))
			.isEqualTo(new Result(1, "", "amagasa users: There is no user named 'nobody'.\n"));
		assertThat(run("", "users", "add", "bob", "--password-stdin", this.database))
			.isEqualTo(new Result(1, "", "amagasa users: No password on standard input: write it there as one line.\n"));
		assertThat(run("", "users", "list", this.database).out()).isEqualTo("alice\n");
	}

	@Test
	void asksTwiceOnTheTerminal() {
		Result added = run(prompt("correct-horse-battery", "correct-horse-battery"), "users", "add", "carol", this.database);
		assertThat(added).isEqualTo(new Result(0, "Added user carol.\n", ""));
		assertThat(this.prompts).containsExactly("New password for carol: ", "Repeat the password: ");

		Result mismatch = run(prompt("correct-horse-battery", "correct-horse-batterz"), "users", "add", "dave", this.database);
		assertThat(mismatch).isEqualTo(new Result(1, "", "amagasa users: The passwords do not match.\n"));

		Result tooShort = run(prompt("short"), "users", "passwd", "carol", this.database);
		assertThat(tooShort.status()).isOne();
		assertThat(tooShort.err()).contains("too short");

		Result noTerminal = run(prompt(), "users", "add", "erin", this.database);
		assertThat(noTerminal).isEqualTo(new Result(1, "",
				"amagasa users: No terminal to ask for the password on: pass --password-stdin and write it to standard input.\n"));
		assertThat(run("", "users", "list", this.database).out()).isEqualTo("carol\n");
	}

	@Test
	void usesTheDatabaseUnderTheDataDirectoryLikeTheServer(@TempDir Path dataDir) {
		assertThat(run("correct-horse-battery\n", "users", "add", "alice", "--password-stdin",
				"--amagasa.data-dir=" + dataDir).status()).isZero();
		assertThat(Files.exists(dataDir.resolve("amagasa.mv.db"))).isTrue();
		assertThat(run("", "users", "list", "--amagasa.data-dir=" + dataDir).out()).isEqualTo("alice\n");
	}

	/**
	 * The embedded H2 file database admits one process: while another holds it (the running server), the
	 * command says so and what to do, instead of H2's "The file is locked".
	 */
	@Test
	void saysWhenAnotherProcessHoldsTheFileDatabase(@TempDir Path dataDir) throws Exception {
		assertThat(run("correct-horse-battery\n", "users", "add", "alice", "--password-stdin",
				"--amagasa.data-dir=" + dataDir).status()).isZero();
		Path holder = dataDir.resolve("Holder.java");
		Files.writeString(holder, """
				public class Holder {
					public static void main(String[] args) throws Exception {
						try (var connection = java.sql.DriverManager.getConnection(args[0])) {
							System.out.println("open");
							System.in.read();
						}
					}
				}
				""");
		Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
				System.getProperty("java.class.path"), holder.toString(), "jdbc:h2:file:" + dataDir.resolve("amagasa"))
			.redirectErrorStream(true)
			.start();
		try (BufferedReader output = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8))) {
			assertThat(output.readLine()).isEqualTo("open");
			assertThat(run("", "users", "list", "--amagasa.data-dir=" + dataDir))
				.isEqualTo(new Result(1, "", "amagasa users: " + UsersCommand.DATABASE_IN_USE + "\n"));
		}
		finally {
			other.getOutputStream().close();
			other.waitFor(30, TimeUnit.SECONDS);
			other.destroyForcibly();
		}
		assertThat(run("", "users", "list", "--amagasa.data-dir=" + dataDir).out()).isEqualTo("alice\n");
	}

	@Test
	void explainsItsUsage() {
		Result help = run("", "users", "--help");
		assertThat(help.status()).isZero();
		assertThat(help.out()).startsWith("Usage: java -jar amagasa-server.jar users <command>");
		for (String[] wrong : List.of(new String[] { "users" }, new String[] { "users", "frobnicate" },
				new String[] { "users", "add" }, new String[] { "users", "list", "alice" },
				new String[] { "users", "remove", "alice", "--password-stdin" },
				new String[] { "users", "add", "alice", "--verbose" })) {
			Result result = run("", wrong);
			assertThat(result.status()).as(String.join(" ", wrong)).isOne();
			assertThat(result.err()).startsWith("amagasa users: ").contains("Usage:");
		}
	}

	@Test
	void isRequestedOnlyByUsersAsTheFirstArgument() {
		assertThat(UsersCommand.isRequestedBy(new String[] { "users", "list" })).isTrue();
		assertThat(UsersCommand.isRequestedBy(new String[] { "--stdio", "users" })).isFalse();
		assertThat(UsersCommand.isRequestedBy(new String[0])).isFalse();
	}

	private final List<String> prompts = new ArrayList<>();

	private PasswordPrompt prompt(String... answers) {
		Deque<String> remaining = new ArrayDeque<>(List.of(answers));
		return prompt -> {
			if (answers.length == 0) {
				return null;
			}
			this.prompts.add(prompt);
			return remaining.pop().toCharArray();
		};
	}

	private Result run(String stdin, String... args) {
		return run(stdin, prompt(), args);
	}

	private Result run(PasswordPrompt prompt, String... args) {
		return run("", prompt, args);
	}

	private Result run(String stdin, PasswordPrompt prompt, String... args) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int status = new UsersCommand(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), prompt,
				new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
			.execute(args);
		return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	record Result(int status, String out, String err) {

	}

}
