package io.amagasa.authorization.user;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;

/**
 * The outcome of a sign-in form post: feeds the {@link LoginThrottle}, writes the audit line, then
 * continues as form login does by default: back to the authorization request that sent the person to
 * sign in, else to the account page; on failure back to the login page with one message for every
 * failure, so the page does not tell which usernames exist.
 */
final class LoginAttempts implements AuthenticationSuccessHandler, AuthenticationFailureHandler {

	private final LoginThrottle throttle;

	private final LoginAudit audit;

	private final SavedRequestAwareAuthenticationSuccessHandler success = new SavedRequestAwareAuthenticationSuccessHandler();

	private final SimpleUrlAuthenticationFailureHandler failure;

	LoginAttempts(LoginThrottle throttle, LoginAudit audit, String loginPage, String accountPage) {
		this.throttle = throttle;
		this.audit = audit;
		this.success.setDefaultTargetUrl(accountPage);
		this.failure = new SimpleUrlAuthenticationFailureHandler(loginPage + "?error");
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException, ServletException {
		this.throttle.succeeded(authentication.getName(), request.getRemoteAddr());
		this.audit.succeeded(authentication.getName(), request.getRemoteAddr());
		this.success.onAuthenticationSuccess(request, response, authentication);
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException, ServletException {
		String attempted = request.getParameter(UsernamePasswordAuthenticationFilter.SPRING_SECURITY_FORM_USERNAME_KEY);
		this.throttle.failed(attempted, request.getRemoteAddr());
		this.audit.failed(attempted, request.getRemoteAddr(),
				(exception instanceof BadCredentialsException) ? "bad_credentials" : exception.getClass().getSimpleName());
		this.failure.onAuthenticationFailure(request, response, exception);
	}

}
