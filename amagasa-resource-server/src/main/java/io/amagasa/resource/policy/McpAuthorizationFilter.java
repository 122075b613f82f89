package io.amagasa.resource.policy;

import java.io.IOException;

import io.amagasa.resource.audit.AuthorizationAudit;
import io.amagasa.resource.authentication.CallerFilter;
import io.amagasa.resource.authentication.CredentialStrippedRequest;
import io.amagasa.resource.caller.CallerContext;
import io.amagasa.resource.challenge.BearerChallengeResponder;
import io.amagasa.resource.jsonrpc.CachedBodyRequest;
import io.amagasa.resource.jsonrpc.JsonRpcBody;
import io.amagasa.resource.jsonrpc.JsonRpcEnvelope;
import io.amagasa.resource.jsonrpc.JsonRpcEnvelopeReader;
import io.amagasa.resource.jsonrpc.MalformedJsonRpcException;
import io.amagasa.resource.jsonrpc.ParsedBodyHandoff;
import io.amagasa.resource.token.Caller;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Applies {@link McpAccessPolicy} to each authenticated MCP request, before the transport sees it:
 * the body is parsed once (the transport reads the same bytes, and takes the parsed tree from
 * {@link ParsedBodyHandoff}), the policy decides on its JSON-RPC envelope, a denial
 * becomes an HTTP 403 — {@code insufficient_scope} with the scopes the call needs (RS-13..RS-15), or a
 * plain 403 for the allow-lists — and every decision is one audit line. The caller is then put on the
 * request for the transport context, where tools can read it, and the token is taken off it
 * ({@link CredentialStrippedRequest}): nothing past the filter chain can read or forward it (RS-23).
 */
public final class McpAuthorizationFilter extends CallerFilter {

	private final McpAccessPolicy policy;

	private final BearerChallengeResponder responder;

	private final AuthorizationAudit audit;

	private final ParsedBodyHandoff handoff;

	private final JsonRpcEnvelopeReader reader;

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final int maxBodyBytes;

	public McpAuthorizationFilter(RequestMatcher mcpEndpoint, McpAccessPolicy policy, BearerChallengeResponder responder,
			AuthorizationAudit audit, ParsedBodyHandoff handoff, int maxBodyBytes) {
		super(mcpEndpoint);
		this.handoff = handoff;
		this.reader = handoff.reader();
		this.policy = policy;
		this.responder = responder;
		this.audit = audit;
		this.maxBodyBytes = maxBodyBytes;
	}

	@Override
	protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain, Caller caller)
			throws ServletException, IOException {
		HttpServletRequest withBody = request;
		JsonRpcBody body = JsonRpcBody.EMPTY;
		if (HttpMethod.POST.matches(request.getMethod())) {
			CachedBodyRequest cached;
			try {
				cached = CachedBodyRequest.of(request, this.maxBodyBytes);
			}
			catch (CachedBodyRequest.BodyTooLargeException ex) {
				jsonRpcError(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, -32600,
						"Invalid Request: the body exceeds " + this.maxBodyBytes + " bytes");
				return;
			}
			try {
				body = this.reader.read(cached.body());
			}
			catch (MalformedJsonRpcException ex) {
				jsonRpcError(response, HttpServletResponse.SC_BAD_REQUEST,
						ex.getMessage().startsWith("Parse error") ? -32700 : -32600, ex.getMessage());
				return;
			}
			withBody = cached;
		}
		JsonRpcEnvelope envelope = body.envelope();
		AccessDecision decision = this.policy.decide(caller, envelope);
		if (!decision.allowed()) {
			this.audit.decided(request, caller, envelope, false, decision.reason(), HttpServletResponse.SC_FORBIDDEN);
			if (decision.isInsufficientScope()) {
				this.responder.insufficientScope(response, decision.requiredScopes(), decision.description());
			}
			else {
				this.responder.accessDenied(response, decision.description());
			}
			return;
		}
		this.audit.decided(request, caller, envelope, true, decision.reason(), HttpServletResponse.SC_OK);
		// The transport gets the verified caller in place of the token (RS-23).
		HttpServletRequest effective = new CredentialStrippedRequest(withBody);
		effective.setAttribute(CallerContext.REQUEST_ATTRIBUTE, caller);
		this.handoff.handOver(body);
		try {
			if (envelope.isToolsList() && this.policy.settings().hideUnauthorizedTools()) {
				ToolListFilteringResponse filtered = new ToolListFilteringResponse(response,
						tool -> this.policy.mayCall(caller, tool), this.mapper);
				chain.doFilter(effective, filtered);
				if (!effective.isAsyncStarted()) {
					filtered.finish();
				}
				return;
			}
			chain.doFilter(effective, response);
		}
		finally {
			if (this.handoff.end()) {
				this.audit.bodyDecodedDifferently(request, caller);
			}
		}
	}

	private static void jsonRpcError(HttpServletResponse response, int status, int code, String message)
			throws IOException {
		response.setStatus(status);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		// The message is one of our own constant texts: no escaping needed.
		response.getWriter()
			.write("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":" + code + ",\"message\":\"" + message + "\"}}");
	}

}
