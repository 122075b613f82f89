package io.amagasa.resource.session;

import java.io.IOException;

import io.amagasa.resource.audit.AuthorizationAudit;
import io.amagasa.resource.authentication.CallerFilter;
import io.amagasa.resource.token.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Enforces {@link SessionBindings} on the MCP endpoint (TR-13, TR-16): a request naming a session that
 * is not the caller's gets 404, as for a session that does not exist, so that nobody learns whether
 * someone else's session id is live. A session the transport creates is bound to its caller; one the
 * client deletes is forgotten.
 */
public final class SessionBindingFilter extends CallerFilter {

	private final SessionBindings bindings;

	private final AuthorizationAudit audit;

	public SessionBindingFilter(RequestMatcher mcpEndpoint, SessionBindings bindings, AuthorizationAudit audit) {
		super(mcpEndpoint);
		this.bindings = bindings;
		this.audit = audit;
	}

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain, Caller caller)
			throws ServletException, IOException {
		String sessionId = request.getHeader(SessionIdCapturingResponse.MCP_SESSION_ID);
		if (sessionId != null) {
			if (this.bindings.ownership(sessionId, caller) != SessionBindings.Ownership.OWNED) {
				this.audit.sessionMismatch(request, caller);
				sessionNotFound(response);
				return;
			}
			chain.doFilter(request, response);
			if (HttpMethod.DELETE.matches(request.getMethod()) && response.getStatus() < 300) {
				this.bindings.unbind(sessionId);
			}
			return;
		}
		chain.doFilter(request, new SessionIdCapturingResponse(response, id -> this.bindings.bind(id, caller)));
	}

	private static void sessionNotFound(HttpServletResponse response) throws IOException {
		response.setStatus(HttpServletResponse.SC_NOT_FOUND);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.getWriter().write("{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32001,\"message\":\"Session not found\"}}");
	}

}
