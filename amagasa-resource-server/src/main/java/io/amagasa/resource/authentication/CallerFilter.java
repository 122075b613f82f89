package io.amagasa.resource.authentication;

import java.io.IOException;

import io.amagasa.resource.token.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A filter for requests to the MCP endpoint that carry a verified caller. Requests without one pass
 * through untouched: the authorization filter further down answers them with a 401 challenge.
 */
public abstract class CallerFilter extends OncePerRequestFilter {

	private final RequestMatcher mcpEndpoint;

	protected CallerFilter(RequestMatcher mcpEndpoint) {
		this.mcpEndpoint = mcpEndpoint;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !this.mcpEndpoint.matches(request);
	}

	@Override
	protected final void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication instanceof CallerAuthentication callerAuthentication) {
			doFilter(request, response, chain, callerAuthentication.caller());
		}
		else {
			chain.doFilter(request, response);
		}
	}

	protected abstract void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
			Caller caller) throws ServletException, IOException;

}
