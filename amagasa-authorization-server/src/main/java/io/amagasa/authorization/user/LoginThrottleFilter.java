package io.amagasa.authorization.user;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Stands before the form login filter: a sign-in post for a locked-out username and address goes back
 * to the login page with the lockout message, without its password being checked.
 */
final class LoginThrottleFilter extends OncePerRequestFilter {

	private final RequestMatcher loginPost;

	private final LoginThrottle throttle;

	private final LoginAudit audit;

	private final String lockedOutPage;

	LoginThrottleFilter(String loginPage, LoginThrottle throttle, LoginAudit audit) {
		this.loginPost = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, loginPage);
		this.throttle = throttle;
		this.audit = audit;
		this.lockedOutPage = loginPage + "?locked";
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.loginPost.matches(request)) {
			String attempted = request.getParameter(UsernamePasswordAuthenticationFilter.SPRING_SECURITY_FORM_USERNAME_KEY);
			if (this.throttle.isLockedOut(attempted, request.getRemoteAddr())) {
				this.audit.failed(attempted, request.getRemoteAddr(), "locked_out");
				response.sendRedirect(request.getContextPath() + this.lockedOutPage);
				return;
			}
		}
		chain.doFilter(request, response);
	}

}
