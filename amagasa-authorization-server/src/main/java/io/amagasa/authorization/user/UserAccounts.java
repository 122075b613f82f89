package io.amagasa.authorization.user;

import java.util.List;

import io.amagasa.authorization.SecurityDecision;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.provisioning.JdbcUserDetailsManager;
import org.springframework.transaction.support.TransactionOperations;

/**
 * The local accounts people sign in with: add, remove, change a password, list. Names are canonical
 * ({@link Username}), passwords meet the {@link PasswordPolicy} and are stored as
 * {@code DelegatingPasswordEncoder} hashes. Every account has the single authority {@code ROLE_USER}:
 * managing accounts is done at the command line on the server's host, not through a role.
 */
public class UserAccounts {

	private static final Logger log = LoggerFactory.getLogger(UserAccounts.class);

	private final JdbcUserDetailsManager users;

	private final JdbcOperations jdbc;

	private final PasswordEncoder passwords;

	private final TransactionOperations transactions;

	public UserAccounts(JdbcUserDetailsManager users, JdbcOperations jdbc, PasswordEncoder passwords,
			TransactionOperations transactions) {
		this.users = users;
		this.jdbc = jdbc;
		this.passwords = passwords;
		this.transactions = transactions;
	}

	/** Whether there are no accounts at all, as on a first start. */
	public boolean isEmpty() {
		Integer count = this.jdbc.queryForObject("SELECT COUNT(*) FROM users", Integer.class);
		return count == null || count == 0;
	}

	/** The canonical names of all accounts, sorted. */
	public List<String> names() {
		return this.jdbc.queryForList("SELECT username FROM users ORDER BY username", String.class);
	}

	/**
	 * @throws UsernameTakenException when an account of that name exists, even one another instance
	 * created concurrently (the primary key decides)
	 */
	public void add(String name, CharSequence password) {
		String username = Username.valid(name);
		PasswordPolicy.check(password);
		// Hashing is deliberately slow: done before the transaction so that it holds no connection.
		UserDetails account = User.withUsername(username).password(this.passwords.encode(password)).roles("USER").build();
		try {
			this.transactions.executeWithoutResult(status -> {
				if (this.users.userExists(username)) {
					throw new UsernameTakenException(username);
				}
				this.users.createUser(account);
			});
		}
		catch (DuplicateKeyException createdConcurrently) {
			throw new UsernameTakenException(username);
		}
		SecurityDecision.of("user_account", "added").with("username", username).info(log);
	}

	/**
	 * Removes the account with everything issued to it, in one transaction: its remembered consents and its
	 * authorizations (Spring Authorization Server's rows, whose refresh tokens would otherwise keep working
	 * for an account that no longer exists). Access tokens already issued expire within minutes (AS-12).
	 * Only authorization-code grants belong to a person; a client-credentials grant's principal is a client.
	 */
	public void remove(String name) {
		String username = existing(name);
		this.transactions.executeWithoutResult(status -> {
			this.jdbc.update("DELETE FROM oauth2_authorization_consent WHERE principal_name = ?", username);
			this.jdbc.update("DELETE FROM oauth2_authorization WHERE principal_name = ? AND authorization_grant_type = ?",
					username, AuthorizationGrantType.AUTHORIZATION_CODE.getValue());
			this.users.deleteUser(username);
		});
		SecurityDecision.of("user_account", "removed").with("username", username).info(log);
	}

	public void changePassword(String name, CharSequence password) {
		String username = existing(name);
		PasswordPolicy.check(password);
		String hash = this.passwords.encode(password);
		this.transactions.executeWithoutResult(status -> {
			UserDetails account = this.users.loadUserByUsername(username);
			this.users.updateUser(User.withUserDetails(account).password(hash).build());
		});
		SecurityDecision.of("user_account", "password_changed").with("username", username).info(log);
	}

	private String existing(String name) {
		String username = Username.canonical(name);
		if (username == null || !this.users.userExists(username)) {
			throw new UserAccountException("There is no user named '" + name + "'.");
		}
		return username;
	}

}
