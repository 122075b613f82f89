package io.amagasa.authorization.user;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.amagasa.authorization.testing.PostgresSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.JdbcUserDetailsManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.spy;

@ExtendWith(OutputCaptureExtension.class)
class AdminAccountBootstrapTests {

	private static final Pattern SHOWN_PASSWORD = Pattern.compile("password: (\\S+)");

	private static final UsersProperties NOTHING_CONFIGURED = new UsersProperties("admin", null,
			new UsersProperties.LoginThrottle(5, java.time.Duration.ofMinutes(15), 1000));

	private final PasswordEncoder passwords = UserAccountsConfiguration.passwordEncoder();

	@Test
	void firstStartGeneratesAStrongPasswordAndShowsItOnceOutsideTheLog(CapturedOutput log) {
		AccountStore.onNewDatabase().run(context -> {
			ByteArrayOutputStream console = new ByteArrayOutputStream();
			bootstrap(context, NOTHING_CONFIGURED, new MockEnvironment(), console).createAdminIfNoAccounts();

			String shown = console.toString(StandardCharsets.UTF_8);
			Matcher password = SHOWN_PASSWORD.matcher(shown);
			assertThat(password.find()).isTrue();
			assertThat(password.group(1)).hasSize(24).matches("[A-HJ-NP-Za-km-z2-9]+");
			assertThat(shown).contains("username: admin", "shown only this once", "users passwd admin");
			assertThat(adminSignsInWith(context, password.group(1))).isTrue();
			assertThat(log.getAll()).contains("event=user_account outcome=bootstrapped username=admin password_from=generated")
				.doesNotContain(password.group(1));

			ByteArrayOutputStream secondStart = new ByteArrayOutputStream();
			bootstrap(context, NOTHING_CONFIGURED, new MockEnvironment(), secondStart).createAdminIfNoAccounts();
			assertThat(secondStart.toString(StandardCharsets.UTF_8)).isEmpty();
			assertThat(adminSignsInWith(context, password.group(1))).isTrue();
		});
	}

	@Test
	void takesThePasswordFromTheEnvironmentVariableAndShowsNothing(CapturedOutput log) {
		AccountStore.onNewDatabase().run(context -> {
			ByteArrayOutputStream console = new ByteArrayOutputStream();
			MockEnvironment environment = new MockEnvironment().withProperty("AMAGASA_ADMIN_PASSWORD", "from-the-environment");
			bootstrap(context, NOTHING_CONFIGURED, environment, console).createAdminIfNoAccounts();

			assertThat(console.toString(StandardCharsets.UTF_8)).isEmpty();
			assertThat(adminSignsInWith(context, "from-the-environment")).isTrue();
			assertThat(log.getAll()).contains("password_from=AMAGASA_ADMIN_PASSWORD").doesNotContain("from-the-environment");
		});
	}

	@Test
	void thePropertyWinsOverTheEnvironmentVariable() {
		AccountStore.onNewDatabase().run(context -> {
			ByteArrayOutputStream console = new ByteArrayOutputStream();
			UsersProperties configured = new UsersProperties("admin", "from-the-property", NOTHING_CONFIGURED.loginThrottle());
			MockEnvironment environment = new MockEnvironment().withProperty("AMAGASA_ADMIN_PASSWORD", "from-the-environment");
			bootstrap(context, configured, environment, console).createAdminIfNoAccounts();

			assertThat(console.toString(StandardCharsets.UTF_8)).isEmpty();
			assertThat(adminSignsInWith(context, "from-the-property")).isTrue();
		});
	}

	@Test
	void aConfiguredPasswordThatIsTooShortStopsTheStartNamingItsSource() {
		AccountStore.onNewDatabase().run(context -> {
			MockEnvironment environment = new MockEnvironment().withProperty("AMAGASA_ADMIN_PASSWORD", "tooshort");
			AdminAccountBootstrap bootstrap = bootstrap(context, NOTHING_CONFIGURED, environment, new ByteArrayOutputStream());
			assertThatIllegalStateException().isThrownBy(bootstrap::createAdminIfNoAccounts)
				.withMessage("AMAGASA_ADMIN_PASSWORD: The password is too short: use at least 12 characters.");
			assertThat(context.getBean(UserAccounts.class).isEmpty()).isTrue();
		});
	}

	@Test
	void nothingHappensWhenAnyAccountExists() {
		AccountStore.onNewDatabase().run(context -> {
			context.getBean(UserAccounts.class).add("alice", "correct-horse-battery");
			ByteArrayOutputStream console = new ByteArrayOutputStream();
			MockEnvironment environment = new MockEnvironment().withProperty("AMAGASA_ADMIN_PASSWORD", "from-the-environment");
			bootstrap(context, NOTHING_CONFIGURED, environment, console).createAdminIfNoAccounts();

			assertThat(context.getBean(UserAccounts.class).names()).containsExactly("alice");
			assertThat(console.toString(StandardCharsets.UTF_8)).isEmpty();
		});
	}

	/**
	 * Two instances start together on one database: both find it empty before either creates the account.
	 * One creates it and shows its password; the other neither creates nor shows anything.
	 */
	@Test
	void twoInstancesRacingOnOneDatabaseCreateOneAdminAndShowOnePassword(CapturedOutput log) {
		race(Map.of("spring.datasource.url", "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"), log);
	}

	@Test
	void twoInstancesRacingOnOnePostgresqlDatabaseCreateOneAdmin(CapturedOutput log) throws Exception {
		try (PostgresSchema schema = PostgresSchema.create()) {
			race(schema.settings(), log);
		}
	}

	private void race(Map<String, Object> database, CapturedOutput log) {
		AccountStore.on(database).run(first -> AccountStore.on(database).run(second -> {
			CyclicBarrier bothFoundNoAccounts = new CyclicBarrier(2);
			ByteArrayOutputStream firstConsole = new ByteArrayOutputStream();
			ByteArrayOutputStream secondConsole = new ByteArrayOutputStream();
			AdminAccountBootstrap firstInstance = racing(first, bothFoundNoAccounts, firstConsole);
			AdminAccountBootstrap secondInstance = racing(second, bothFoundNoAccounts, secondConsole);

			CompletableFuture.allOf(CompletableFuture.runAsync(firstInstance::createAdminIfNoAccounts),
					CompletableFuture.runAsync(secondInstance::createAdminIfNoAccounts))
				.get(30, TimeUnit.SECONDS);

			List<String> shown = List.of(firstConsole.toString(StandardCharsets.UTF_8),
					secondConsole.toString(StandardCharsets.UTF_8));
			assertThat(shown).filteredOn(String::isEmpty).hasSize(1);
			Matcher password = SHOWN_PASSWORD.matcher(String.join("", shown));
			assertThat(password.find()).isTrue();
			assertThat(first.getBean(UserAccounts.class).names()).containsExactly("admin");
			assertThat(adminSignsInWith(second, password.group(1))).isTrue();
			assertThat(log.getAll()).contains("event=user_account outcome=exists username=admin reason=created_by_another_instance");
		}));
	}

	private AdminAccountBootstrap racing(ApplicationContext context, CyclicBarrier barrier, ByteArrayOutputStream console)
			throws Exception {
		UserAccounts accounts = spy(context.getBean(UserAccounts.class));
		doAnswer(invocation -> {
			Object empty = invocation.callRealMethod();
			barrier.await(10, TimeUnit.SECONDS);
			return empty;
		}).when(accounts).isEmpty();
		return new AdminAccountBootstrap(accounts, NOTHING_CONFIGURED, new MockEnvironment(),
				new PrintStream(console, true, StandardCharsets.UTF_8));
	}

	private static AdminAccountBootstrap bootstrap(ApplicationContext context, UsersProperties properties,
			MockEnvironment environment, ByteArrayOutputStream console) {
		return new AdminAccountBootstrap(context.getBean(UserAccounts.class), properties, environment,
				new PrintStream(console, true, StandardCharsets.UTF_8));
	}

	private boolean adminSignsInWith(ApplicationContext context, String password) {
		return this.passwords.matches(password,
				context.getBean(JdbcUserDetailsManager.class).loadUserByUsername("admin").getPassword());
	}

}
