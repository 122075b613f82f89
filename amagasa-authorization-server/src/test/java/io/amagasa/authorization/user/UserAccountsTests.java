package io.amagasa.authorization.user;

import java.util.List;

import io.amagasa.authorization.testing.PostgresSchema;
import org.junit.jupiter.api.Test;

import org.springframework.context.ApplicationContext;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.JdbcUserDetailsManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class UserAccountsTests {

	private static final String PASSWORD = "correct-horse-battery";

	private final PasswordEncoder passwords = UserAccountsConfiguration.passwordEncoder();

	@Test
	void addedAccountSignsInWithItsPasswordStoredAsBcryptHash() {
		AccountStore.onNewDatabase().run(context -> {
			UserAccounts accounts = context.getBean(UserAccounts.class);
			assertThat(accounts.isEmpty()).isTrue();
			accounts.add("alice", PASSWORD);
			UserDetails alice = context.getBean(JdbcUserDetailsManager.class).loadUserByUsername("alice");
			assertThat(alice.getPassword()).startsWith("{bcrypt}$2").doesNotContain(PASSWORD);
			assertThat(this.passwords.matches(PASSWORD, alice.getPassword())).isTrue();
			assertThat(alice.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_USER");
			assertThat(accounts.isEmpty()).isFalse();
			assertThat(accounts.names()).containsExactly("alice");
		});
	}

	@Test
	void namesAreCaseInsensitiveAtSignInAndUnique() {
		AccountStore.onNewDatabase().run(context -> {
			UserAccounts accounts = context.getBean(UserAccounts.class);
			accounts.add(" Alice ", PASSWORD);
			assertThat(accounts.names()).containsExactly("alice");
			assertThat(context.getBean(JdbcUserDetailsManager.class).loadUserByUsername("ALICE").getUsername())
				.isEqualTo("alice");
			assertThatExceptionOfType(UsernameTakenException.class).isThrownBy(() -> accounts.add("alice", PASSWORD))
				.withMessage("A user named 'alice' exists already.");
			assertThatExceptionOfType(UsernameTakenException.class).isThrownBy(() -> accounts.add("ALICE", PASSWORD));
		});
	}

	@Test
	void refusesInvalidNamesAndWeakPasswordsWithoutRepeatingThePassword() {
		AccountStore.onNewDatabase().run(context -> {
			UserAccounts accounts = context.getBean(UserAccounts.class);
			assertThatExceptionOfType(UserAccountException.class).isThrownBy(() -> accounts.add("bob", "short-pw-11"))
				.withMessage("The password is too short: use at least 12 characters.");
			assertThatExceptionOfType(UserAccountException.class)
				.isThrownBy(() -> accounts.add("bob", "x".repeat(73)))
				.withMessageStartingWith("The password is too long")
				.withMessageNotContaining("xxxx");
			assertThatExceptionOfType(UserAccountException.class)
				.isThrownBy(() -> accounts.add("bob", "é".repeat(37)))
				.withMessageStartingWith("The password is too long");
			assertThatExceptionOfType(UserAccountException.class).isThrownBy(() -> accounts.add("bob", " ".repeat(12)))
				.withMessage("The password is blank.");
			for (String name : List.of("", "bo b", "-bob", "bob;drop", "b".repeat(51), "bøb")) {
				assertThatExceptionOfType(UserAccountException.class).isThrownBy(() -> accounts.add(name, PASSWORD))
					.withMessageContaining("is not a valid username");
			}
			accounts.add("bob.smith@example.com", "x".repeat(72));
			assertThat(accounts.names()).containsExactly("bob.smith@example.com");
		});
	}

	@Test
	void changesThePassword() {
		AccountStore.onNewDatabase().run(context -> {
			UserAccounts accounts = context.getBean(UserAccounts.class);
			accounts.add("alice", PASSWORD);
			accounts.changePassword("Alice", "a-new-password-2");
			String hash = context.getBean(JdbcUserDetailsManager.class).loadUserByUsername("alice").getPassword();
			assertThat(this.passwords.matches("a-new-password-2", hash)).isTrue();
			assertThat(this.passwords.matches(PASSWORD, hash)).isFalse();
			assertThatExceptionOfType(UserAccountException.class)
				.isThrownBy(() -> accounts.changePassword("alice", "too-short"));
			assertThatExceptionOfType(UserAccountException.class)
				.isThrownBy(() -> accounts.changePassword("nobody", "a-new-password-2"))
				.withMessage("There is no user named 'nobody'.");
		});
	}

	@Test
	void removingAnAccountRemovesItsConsentsAndAuthorizationsOnly() {
		AccountStore.onNewDatabase().run(this::removesItsConsentsAndAuthorizationsOnly);
	}

	@Test
	void theSameOnPostgresql() throws Exception {
		try (PostgresSchema schema = PostgresSchema.create()) {
			AccountStore.on(schema.settings()).run(context -> {
				UserAccounts accounts = context.getBean(UserAccounts.class);
				accounts.add("Carol", PASSWORD);
				assertThat(context.getBean(JdbcUserDetailsManager.class).loadUserByUsername("CAROL").getUsername())
					.isEqualTo("carol");
				assertThatExceptionOfType(UsernameTakenException.class).isThrownBy(() -> accounts.add("carol", PASSWORD));
				accounts.changePassword("carol", "a-new-password-2");
				accounts.remove("carol");
				removesItsConsentsAndAuthorizationsOnly(context);
			});
		}
	}

	private void removesItsConsentsAndAuthorizationsOnly(ApplicationContext context) {
		UserAccounts accounts = context.getBean(UserAccounts.class);
		JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
		accounts.add("alice", PASSWORD);
		accounts.add("bob", PASSWORD);
		for (String user : List.of("alice", "bob")) {
			jdbc.update("INSERT INTO oauth2_authorization_consent (registered_client_id, principal_name, authorities) "
					+ "VALUES ('client-1', ?, 'SCOPE_weather.read')", user);
			jdbc.update("INSERT INTO oauth2_authorization (id, registered_client_id, principal_name, "
					+ "authorization_grant_type) VALUES (?, 'client-1', ?, 'authorization_code')", user + "-code", user);
		}
		// a client-credentials grant's principal is a client, which may happen to share a username
		jdbc.update("INSERT INTO oauth2_authorization (id, registered_client_id, principal_name, "
				+ "authorization_grant_type) VALUES ('machine', 'client-2', 'alice', 'client_credentials')");

		accounts.remove("ALICE");

		assertThat(accounts.names()).containsExactly("bob");
		assertThatExceptionOfType(UsernameNotFoundException.class)
			.isThrownBy(() -> context.getBean(JdbcUserDetailsManager.class).loadUserByUsername("alice"));
		assertThat(jdbc.queryForList("SELECT principal_name FROM oauth2_authorization_consent", String.class))
			.containsExactly("bob");
		assertThat(jdbc.queryForList("SELECT id FROM oauth2_authorization ORDER BY id", String.class))
			.containsExactly("bob-code", "machine");
		assertThatExceptionOfType(UserAccountException.class).isThrownBy(() -> accounts.remove("alice"))
			.withMessage("There is no user named 'alice'.");
	}

}
