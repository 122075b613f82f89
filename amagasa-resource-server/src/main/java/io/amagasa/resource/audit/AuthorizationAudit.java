package io.amagasa.resource.audit;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.amagasa.resource.jsonrpc.JsonRpcEnvelope;
import io.amagasa.resource.token.Caller;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One structured log line per authorization decision, allowed or denied, and a Micrometer counter per
 * outcome ({@code amagasa.auth.decisions{outcome,reason}}). A line names the reason code, issuer,
 * subject, client, method, tool and request ids — never a token, a secret or a query string (RS-26).
 * Values are quoted and escaped so that nothing a caller sends can forge a log line.
 */
public final class AuthorizationAudit {

	public static final String NO_TOKEN = "no_token";

	public static final String METRIC = "amagasa.auth.decisions";

	/** The logger of the decision lines. */
	public static final String LOGGER = "amagasa.audit";

	private static final Logger log = LoggerFactory.getLogger(LOGGER);

	private final MeterRegistry meters;

	/** One counter per (outcome, reason), looked up once: registering on every request costs a map lookup and an id. */
	private final Map<String, Counter> counters = new ConcurrentHashMap<>();

	public AuthorizationAudit(MeterRegistry meters) {
		this.meters = meters;
	}

	/** The request presented no acceptable token (401/400). */
	public void unauthenticated(HttpServletRequest request, String reason) {
		count("deny", reason);
		log.info("decision=deny reason={} status={} method={} path={} http_request_id={}", quote(reason),
				statusFor(reason), quote(request.getMethod()),
				quote(request.getRequestURI()), quote(requestId(request)));
	}

	/** The policy's decision for an authenticated caller. */
	public void decided(HttpServletRequest request, Caller caller, JsonRpcEnvelope envelope, boolean allowed,
			String reason, int status) {
		count(allowed ? "allow" : "deny", reason);
		List<String> tools = envelope.calledTools();
		log.info(
				"decision={} reason={} status={} issuer={} subject={} client={} tenant={} method={} tool={} jsonrpc_id={} http_request_id={}",
				allowed ? "allow" : "deny", quote(reason), status, quote(caller.issuer()), quote(caller.subject()),
				quote(caller.clientId()), quote(caller.tenantId()), quote(methods(envelope)),
				quote(tools.isEmpty() ? null : String.join(",", tools)),
				quote(envelope.singleRequestId().orElse(null)), quote(requestId(request)));
	}

	/** A session id presented with another caller's token (TR-16). */
	public void sessionMismatch(HttpServletRequest request, Caller caller) {
		count("deny", "session_not_owned");
		log.warn("decision=deny reason=\"session_not_owned\" status=404 issuer={} subject={} client={} http_request_id={}",
				quote(caller.issuer()), quote(caller.subject()), quote(caller.clientId()), quote(requestId(request)));
	}

	private void count(String outcome, String reason) {
		this.counters.computeIfAbsent(outcome + '\0' + reason, key -> Counter.builder(METRIC)
			.description("Authorization decisions of the MCP resource server")
			.tag("outcome", outcome)
			.tag("reason", reason)
			.register(this.meters)).increment();
	}

	private static int statusFor(String reason) {
		return "malformed_authorization_header".equals(reason) ? 400 : 401;
	}

	private static String methods(JsonRpcEnvelope envelope) {
		List<String> methods = envelope.messages()
			.stream()
			.map(message -> message.method() == null ? "(response)" : message.method())
			.toList();
		return methods.isEmpty() ? null : String.join(",", methods);
	}

	/** The client's or the proxy's correlation id, if any; bounded so it cannot flood the log. */
	private static String requestId(HttpServletRequest request) {
		String id = request.getHeader("X-Request-Id");
		return id == null ? null : id.substring(0, Math.min(id.length(), 128));
	}

	static String quote(String value) {
		if (value == null) {
			return "-";
		}
		StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
		for (char c : value.toCharArray()) {
			switch (c) {
				case '"' -> quoted.append("\\\"");
				case '\\' -> quoted.append("\\\\");
				default -> quoted.append(c < 0x20 || c == 0x7f ? '?' : c);
			}
		}
		return quoted.append('"').toString();
	}

}
