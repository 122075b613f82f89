package io.amagasa.authorization.user;

import javax.sql.DataSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.JdbcUserDetailsManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The account store, shared by the web application and the {@code users} command: Spring Security's
 * {@link JdbcUserDetailsManager} on the {@code users}/{@code authorities} tables (Flyway V20), which is
 * also the application's {@code UserDetailsService}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(UsersProperties.class)
public class UserAccountsConfiguration {

	/**
	 * bcrypt through {@code DelegatingPasswordEncoder}: hashes carry their algorithm ({@code {bcrypt}...}),
	 * so a later default (Argon2, which needs BouncyCastle on the class path) can verify old hashes
	 * alongside new ones. Deliberately not a bean: a {@code PasswordEncoder} bean would also become the
	 * client-secret encoder of the authorization server's endpoints.
	 */
	static PasswordEncoder passwordEncoder() {
		return PasswordEncoderFactories.createDelegatingPasswordEncoder();
	}

	/** Looks names up in canonical form, like {@link Username#canonical}: {@code Alice} signs in as {@code alice}. */
	@Bean
	JdbcUserDetailsManager userDetailsService(DataSource dataSource) {
		JdbcUserDetailsManager users = new JdbcUserDetailsManager(dataSource);
		users.setUsersByUsernameQuery("SELECT username, password, enabled FROM users WHERE username = LOWER(?)");
		users.setAuthoritiesByUsernameQuery("SELECT username, authority FROM authorities WHERE username = LOWER(?)");
		return users;
	}

	@Bean
	UserAccounts userAccounts(JdbcUserDetailsManager users, JdbcTemplate jdbc, PlatformTransactionManager transactions) {
		return new UserAccounts(users, jdbc, passwordEncoder(), new TransactionTemplate(transactions));
	}

}
