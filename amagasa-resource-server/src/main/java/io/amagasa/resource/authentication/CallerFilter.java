package io.amagasa.resource.authentication;

import java.io.IOException;

import io.amagasa.resource.token.Caller;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * A filter for requests to the MCP endpoint that carry a verified caller. Requests without one pass
 * through untouched: the authorization filter further down answers them with a 401 challenge.
 * <p>
 * It acts on the request's own dispatch only. The asynchronous dispatch that completes a streamed (SSE)
 * response, and an error dispatch, carry no new request to decide on, and the body was read already. A
 * plain {@link Filter} rather than Spring's {@code OncePerRequestFilter}: that one marks each request with
 * a request attribute, set and removed through every request wrapper, on every dispatch, which on the MCP
 * endpoint's hot path cost more than the check it guards.
 */
public abstract class CallerFilter implements Filter {

	private final RequestMatcher mcpEndpoint;

	protected CallerFilter(RequestMatcher mcpEndpoint) {
		this.mcpEndpoint = mcpEndpoint;
	}

	@Override
	public final void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
			throws IOException, ServletException {
		if (servletRequest instanceof HttpServletRequest request
				&& servletResponse instanceof HttpServletResponse response
				&& request.getDispatcherType() == DispatcherType.REQUEST && this.mcpEndpoint.matches(request)
				&& SecurityContextHolder.getContext().getAuthentication() instanceof CallerAuthentication caller) {
			doFilter(request, response, chain, caller.caller());
		}
		else {
			chain.doFilter(servletRequest, servletResponse);
		}
	}

	protected abstract void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
			Caller caller) throws ServletException, IOException;

}
