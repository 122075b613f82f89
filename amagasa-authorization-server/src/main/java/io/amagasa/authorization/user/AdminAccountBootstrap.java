package io.amagasa.authorization.user;

import java.io.PrintStream;
import java.security.SecureRandom;

import io.amagasa.authorization.SecurityDecision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * On a first start (no accounts at all) creates the {@code admin} account, so that someone can sign in.
 * Its password is {@code amagasa.authorization-server.users.admin-password}, else the environment
 * variable {@code AMAGASA_ADMIN_PASSWORD}, else generated and shown once on the console.
 * <p>
 * Two instances starting together on one database may both find no accounts; the primary key lets one
 * create the account, and the other neither creates nor prints anything.
 */
final class AdminAccountBootstrap implements ApplicationRunner {


	static final String ENVIRONMENT_VARIABLE = "AMAGASA_ADMIN_PASSWORD";

	private static final Logger log = LoggerFactory.getLogger(AdminAccountBootstrap.class);

	/** No 0/O, 1/l/I: someone may have to type it from a screen. */
	private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

	/** 24 characters of 56 symbols: about 139 bits. */
	private static final int GENERATED_LENGTH = 24;

	private final UserAccounts accounts;

	private final UsersProperties properties;

	private final Environment environment;

	private final PrintStream console;

	private final SecureRandom random = new SecureRandom();

	/** @param console where a generated password is shown: standard error, never the log */
	AdminAccountBootstrap(UserAccounts accounts, UsersProperties properties, Environment environment,
			PrintStream console) {
		this.accounts = accounts;
		this.properties = properties;
		this.environment = environment;
		this.console = console;
	}

	@Override
	public void run(ApplicationArguments arguments) {
		createAdminIfNoAccounts();
	}

	void createAdminIfNoAccounts() {
		if (!this.accounts.isEmpty()) {
			return;
		}
		String source = configuredPasswordSource();
		String password = (source != null) ? configuredPassword(source) : generatedPassword();
		try {
			this.accounts.add(this.properties.adminUsername(), password);
		}
		catch (UsernameTakenException createdByAnotherInstance) {
			SecurityDecision.of("user_account", "exists")
				.with("username", this.properties.adminUsername())
				.with("reason", "created_by_another_instance")
				.info(log);
			return;
		}
		if (source != null) {
			SecurityDecision.of("user_account", "bootstrapped").with("username", this.properties.adminUsername()).with("password_from", source).info(log);
		}
		else {
			SecurityDecision.of("user_account", "bootstrapped").with("username", this.properties.adminUsername()).with("password_from", "generated").info(log);
			show(password);
		}
	}

	private String configuredPasswordSource() {
		if (StringUtils.hasLength(this.properties.adminPassword())) {
			return UsersProperties.PREFIX + ".admin-password";
		}
		return StringUtils.hasLength(this.environment.getProperty(ENVIRONMENT_VARIABLE)) ? ENVIRONMENT_VARIABLE : null;
	}

	private String configuredPassword(String source) {
		String password = source.equals(ENVIRONMENT_VARIABLE) ? this.environment.getProperty(ENVIRONMENT_VARIABLE)
				: this.properties.adminPassword();
		try {
			PasswordPolicy.check(password);
		}
		catch (UserAccountException refused) {
			throw new IllegalStateException(source + ": " + refused.getMessage());
		}
		return password;
	}

	private String generatedPassword() {
		StringBuilder password = new StringBuilder(GENERATED_LENGTH);
		for (int i = 0; i < GENERATED_LENGTH; i++) {
			password.append(ALPHABET.charAt(this.random.nextInt(ALPHABET.length())));
		}
		return password.toString();
	}

	/**
	 * The one place a password is ever written out, the single exception to "never log a password": the
	 * person installing the server needs it to sign in for the first time. It goes to standard error
	 * directly, not through the logging system, so that no structured log (files, shippers) ever carries
	 * it, and it is shown only by the instance that created the account.
	 */
	private void show(String password) {
		String rule = "=".repeat(78);
		this.console.println();
		this.console.println(rule);
		this.console.println(" AMAGASA: an administrator account was created (there were no accounts yet).");
		this.console.println();
		this.console.println("   username: " + this.properties.adminUsername());
		this.console.println("   password: " + password);
		this.console.println();
		this.console.println(" This password is shown only this once and is not logged. Sign in with it,");
		this.console.println(" then choose your own:  java -jar amagasa-server.jar users passwd " + this.properties.adminUsername());
		this.console.println(" (or set " + ENVIRONMENT_VARIABLE + " before the first start next time).");
		this.console.println(rule);
		this.console.println();
		this.console.flush();
	}

}
