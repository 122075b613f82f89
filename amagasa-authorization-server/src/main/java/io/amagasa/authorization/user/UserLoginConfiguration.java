package io.amagasa.authorization.user;

import com.github.benmanes.caffeine.cache.Ticker;
import io.amagasa.authorization.LoginPage;
import io.amagasa.authorization.UserPagesCustomizer;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.provisioning.JdbcUserDetailsManager;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;

/**
 * Signing in to the authorization server's pages: the login page, form login against the local
 * accounts with the {@link LoginThrottle}, sign-out, and the first admin account. Import this class
 * (it imports {@link UserAccountsConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Import(UserAccountsConfiguration.class)
public class UserLoginConfiguration {

	static final String LOGIN_PAGE = "/login";

	/** Where a person lands after signing in without an authorization request to return to. */
	public static final String ACCOUNT_PAGE = "/account";

	/** The stylesheet and other assets of the pages, served from {@code static/amagasa/}. */
	public static final String ASSETS = "/amagasa/**";

	@Bean
	LoginPage loginPage() {
		return new LoginPage(LOGIN_PAGE);
	}

	@Bean
	LoginController loginController(UsersProperties properties) {
		return new LoginController(properties);
	}

	@Bean
	LoginThrottle loginThrottle(UsersProperties properties) {
		return new LoginThrottle(properties.loginThrottle(), Ticker.systemTicker());
	}

	@Bean
	AdminAccountBootstrap adminAccountBootstrap(UserAccounts accounts, UsersProperties properties,
			Environment environment) {
		return new AdminAccountBootstrap(accounts, properties, environment, System.err);
	}

	/**
	 * The chain authenticates with its own provider over the local accounts, with the password encoder
	 * that hashed them, whatever other {@code PasswordEncoder} or {@code AuthenticationManager} the
	 * application has. Posts to {@code /login} and {@code /logout} need the CSRF token (Spring Security's
	 * default), which the pages' forms carry.
	 */
	@Bean
	UserPagesCustomizer loginPages(JdbcUserDetailsManager users, LoginThrottle throttle) {
		LoginAudit audit = new LoginAudit(users);
		LoginAttempts attempts = new LoginAttempts(throttle, audit, LOGIN_PAGE, ACCOUNT_PAGE);
		DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
		provider.setPasswordEncoder(UserAccountsConfiguration.passwordEncoder());
		return http -> http.securityMatchers(matchers -> matchers.requestMatchers(ASSETS))
			.authorizeHttpRequests(requests -> requests.requestMatchers(LOGIN_PAGE, ASSETS).permitAll())
			.authenticationManager(new ProviderManager(provider))
			.formLogin(login -> login.loginPage(LOGIN_PAGE).successHandler(attempts).failureHandler(attempts))
			.logout(logout -> logout.logoutSuccessUrl(LOGIN_PAGE + "?logout"))
			.addFilterBefore(new LoginThrottleFilter(LOGIN_PAGE, throttle, audit),
					UsernamePasswordAuthenticationFilter.class);
	}

}
