package io.amagasa.authorization.user;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;

/**
 * {@code users add|remove|list|passwd}: manages the local accounts from the server's host, on the
 * database the server uses (the same {@code spring.datasource.*} and {@code amagasa.*} settings, from
 * the same places, plus any {@code --name=value} arguments). It starts a small Spring context without a
 * web server, prints one result and returns the exit status: 0 done, 1 refused or failed.
 * <p>
 * A password is asked for twice on the terminal without echo, or read as one line from standard input
 * with {@code --password-stdin} (for scripts: {@code printf '%s\n' "$PW" | ... --password-stdin}). It is
 * never an argument, which would leave it in the shell history and the process list.
 */
public final class UsersCommand {

	public static final String NAME = "users";

	static final String PASSWORD_STDIN = "--password-stdin";

	static final String USAGE = """
			Usage: java -jar amagasa-server.jar users <command> [--name=value ...]
			  users add <name> [--password-stdin]     add a user (asks for the password twice)
			  users passwd <name> [--password-stdin]  set a user's password
			  users remove <name>                     remove a user, their remembered consents and tokens
			  users list                              list the users
			Passwords have at least %d characters. --password-stdin reads one line from standard input.
			Settings such as --spring.datasource.url=... or --amagasa.data-dir=... select the database.
			""".formatted(PasswordPolicy.MIN_LENGTH);

	private final BufferedReader stdin;

	private final PasswordPrompt prompt;

	private final PrintStream out;

	private final PrintStream err;

	UsersCommand(InputStream stdin, PasswordPrompt prompt, PrintStream out, PrintStream err) {
		this.stdin = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
		this.prompt = prompt;
		this.out = out;
		this.err = err;
	}

	/** Whether the program arguments name this command: {@code users} first. */
	public static boolean isRequestedBy(String[] args) {
		return args.length > 0 && NAME.equals(args[0]);
	}

	/** Runs with the process's terminal and standard streams; returns the exit status. */
	public static int run(String[] args) {
		return new UsersCommand(System.in, PasswordPrompt.console(), System.out, System.err).execute(args);
	}

	int execute(String[] args) {
		Invocation invocation;
		try {
			invocation = Invocation.parse(args);
		}
		catch (IllegalArgumentException usage) {
			this.err.println("amagasa users: " + usage.getMessage());
			this.err.print(USAGE);
			return 1;
		}
		if (invocation.command().equals("help")) {
			this.out.print(USAGE);
			return 0;
		}
		try {
			switch (invocation.command()) {
				case "add" -> {
					String username = Username.valid(invocation.username());
					String password = newPassword(invocation, username);
					withAccounts(invocation, accounts -> accounts.add(username, password));
					this.out.println("Added user " + username + ".");
				}
				case "passwd" -> {
					String username = Username.canonical(invocation.username());
					String password = newPassword(invocation, username);
					withAccounts(invocation, accounts -> accounts.changePassword(username, password));
					this.out.println("Changed the password of user " + username + ".");
				}
				case "remove" -> {
					String username = Username.canonical(invocation.username());
					withAccounts(invocation, accounts -> accounts.remove(username));
					this.out.println("Removed user " + username + " with their remembered consents and tokens.");
				}
				default -> withAccounts(invocation, accounts -> accounts.names().forEach(this.out::println));
			}
			return 0;
		}
		catch (UserAccountException refused) {
			this.err.println("amagasa users: " + refused.getMessage());
			return 1;
		}
		catch (RuntimeException | IOException failed) {
			this.err.println("amagasa users: " + (databaseInUse(failed) ? DATABASE_IN_USE
					: "failed: " + NestedExceptionUtils.getMostSpecificCause(failed).getMessage()));
			return 1;
		}
	}

	static final String DATABASE_IN_USE = "the database is in use by another process, most likely the running "
			+ "server: the embedded H2 file database admits one process at a time. Stop the server and run this "
			+ "again, or keep the accounts in PostgreSQL (spring.datasource.url) to manage them while it runs.";

	/** H2's "Database may be already in use" (error 90020): another process holds the file database. */
	static boolean databaseInUse(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && sql.getErrorCode() == 90020) {
				return true;
			}
		}
		return false;
	}

	private String newPassword(Invocation invocation, String username) throws IOException {
		if (invocation.passwordStdin()) {
			String line = this.stdin.readLine();
			if (line == null || line.isEmpty()) {
				throw new UserAccountException("No password on standard input: write it there as one line.");
			}
			PasswordPolicy.check(line);
			return line;
		}
		char[] first = this.prompt.read("New password for " + username + ": ");
		if (first == null) {
			throw new UserAccountException(
					"No terminal to ask for the password on: pass " + PASSWORD_STDIN + " and write it to standard input.");
		}
		char[] second = null;
		try {
			PasswordPolicy.check(new String(first));
			second = this.prompt.read("Repeat the password: ");
			if (!Arrays.equals(first, second)) {
				throw new UserAccountException("The passwords do not match.");
			}
			return new String(first);
		}
		finally {
			Arrays.fill(first, '\0');
			if (second != null) {
				Arrays.fill(second, '\0');
			}
		}
	}

	private void withAccounts(Invocation invocation, AccountsAction action) {
		List<String> arguments = new ArrayList<>();
		// Standard output carries the result only (scripts read `users list`), so no logging at all: a failure
		// reaches the person as this command's own error message. (A level, unlike logging.threshold.*, is not
		// copied into a JVM-wide system property that would outlive the command's context.)
		arguments.add("--logging.level.root=OFF");
		arguments.addAll(invocation.settings());
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(UsersCommandConfiguration.class)
			.web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.registerShutdownHook(false)
			.run(arguments.toArray(String[]::new))) {
			action.apply(context.getBean(UserAccounts.class));
		}
	}

	@FunctionalInterface
	private interface AccountsAction {

		void apply(UserAccounts accounts);

	}

	/**
	 * @param command {@code add}, {@code passwd}, {@code remove}, {@code list} or {@code help}
	 * @param username the account named, for all but {@code list}
	 * @param passwordStdin whether to read the password from standard input
	 * @param settings {@code --name=value} settings for the Spring context
	 */
	record Invocation(String command, String username, boolean passwordStdin, List<String> settings) {

		static Invocation parse(String[] args) {
			List<String> positional = new ArrayList<>();
			List<String> settings = new ArrayList<>();
			boolean passwordStdin = false;
			for (String arg : Arrays.asList(args).subList(isRequestedBy(args) ? 1 : 0, args.length)) {
				if (arg.equals("--help") || arg.equals("-h")) {
					return new Invocation("help", null, false, List.of());
				}
				if (arg.equals(PASSWORD_STDIN)) {
					passwordStdin = true;
				}
				else if (arg.startsWith("--") && arg.indexOf('=') > 2) {
					settings.add(arg);
				}
				else if (arg.startsWith("-")) {
					throw new IllegalArgumentException("unknown option " + arg);
				}
				else {
					positional.add(arg);
				}
			}
			if (positional.isEmpty()) {
				throw new IllegalArgumentException("no command given");
			}
			String command = positional.get(0);
			int expected = switch (command) {
				case "add", "passwd", "remove" -> 2;
				case "list", "help" -> 1;
				default -> throw new IllegalArgumentException("unknown command '" + command + "'");
			};
			if (positional.size() != expected) {
				throw new IllegalArgumentException((expected == 2) ? command + " needs exactly one username"
						: command + " takes no username");
			}
			if (passwordStdin && !(command.equals("add") || command.equals("passwd"))) {
				throw new IllegalArgumentException(PASSWORD_STDIN + " applies to add and passwd only");
			}
			return new Invocation(command, (expected == 2) ? positional.get(1) : null, passwordStdin, settings);
		}

	}

}
