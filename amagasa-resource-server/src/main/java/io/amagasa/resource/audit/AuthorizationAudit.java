package io.amagasa.resource.audit;

import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
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
 * Values are quoted and escaped ({@link LogLine}) so that nothing a caller sends can forge a log line.
 */
public final class AuthorizationAudit {

	public static final String NO_TOKEN = "no_token";

	public static final String METRIC = "amagasa.auth.decisions";

	/** The logger of the decision lines. */
	public static final String LOGGER = "amagasa.audit";

	private static final Logger log = LoggerFactory.getLogger(LOGGER);

	private final MeterRegistry meters;

	/**
	 * One counter per (outcome, reason), looked up once: registering on every request costs a map lookup
	 * and an id. By outcome, then by reason: the reasons are constants, whose hash codes are cached.
	 */
	private final Map<String, Map<String, Counter>> counters = Map.of("allow", new ConcurrentHashMap<>(), "deny",
			new ConcurrentHashMap<>());

	public AuthorizationAudit(MeterRegistry meters) {
		this.meters = meters;
	}

	/** The request presented no acceptable token (401/400). */
	public void unauthenticated(HttpServletRequest request, String reason) {
		count("deny", reason);
		if (log.isInfoEnabled()) {
			log.info(decision("deny").quoted("reason", reason)
				.plain("status", statusFor(reason))
				.quoted("method", request.getMethod())
				.quoted("path", request.getRequestURI())
				.quoted("http_request_id", requestId(request))
				.toString());
		}
	}

	/** The policy's decision for an authenticated caller. */
	public void decided(HttpServletRequest request, Caller caller, JsonRpcEnvelope envelope, boolean allowed,
			String reason, int status) {
		count(allowed ? "allow" : "deny", reason);
		if (log.isInfoEnabled()) {
			List<String> tools = envelope.calledTools();
			log.info(withCaller(decision(allowed ? "allow" : "deny").quoted("reason", reason).plain("status", status),
					caller)
				.quoted("tenant", caller.tenantId())
				.quoted("method", methods(envelope))
				.quoted("tool", joined(tools))
				.quoted("jsonrpc_id", envelope.singleRequestId().orElse(null))
				.quoted("http_request_id", requestId(request))
				.toString());
		}
	}

	/**
	 * The MCP transport decoded an allowed request's body to other text than authorization read, so it was
	 * refused the body (400) rather than act on a message the policy did not decide on.
	 */
	public void bodyDecodedDifferently(HttpServletRequest request, Caller caller) {
		count("deny", "body_decoded_differently");
		log.warn(withCaller(decision("deny").quoted("reason", "body_decoded_differently").plain("status", 400), caller)
			.quoted("content_type", bounded(request.getContentType()))
			.quoted("http_request_id", requestId(request))
			.toString());
	}

	/** A session id presented with another caller's token (TR-16). */
	public void sessionMismatch(HttpServletRequest request, Caller caller) {
		count("deny", "session_not_owned");
		log.warn(withCaller(decision("deny").quoted("reason", "session_not_owned").plain("status", 404), caller)
			.quoted("http_request_id", requestId(request))
			.toString());
	}

	private void count(String outcome, String reason) {
		this.counters.get(outcome).computeIfAbsent(reason, key -> Counter.builder(METRIC)
			.description("Authorization decisions of the MCP resource server")
			.tag("outcome", outcome)
			.tag("reason", reason)
			.register(this.meters)).increment();
	}

	private static int statusFor(String reason) {
		return "malformed_authorization_header".equals(reason) ? 400 : 401;
	}

	/** Comma-separated; {@code null} when empty. One name, nearly always: no joiner for it. */
	private static String joined(List<String> names) {
		return switch (names.size()) {
			case 0 -> null;
			case 1 -> names.get(0);
			default -> String.join(",", names);
		};
	}

	/** The methods of the body's messages, comma-separated; {@code (response)} for a response. */
	private static String methods(JsonRpcEnvelope envelope) {
		List<JsonRpcEnvelope.Message> messages = envelope.messages();
		if (messages.size() <= 1) {
			return messages.isEmpty() ? null : method(messages.get(0));
		}
		StringJoiner methods = new StringJoiner(",");
		messages.forEach(message -> methods.add(method(message)));
		return methods.toString();
	}

	private static String method(JsonRpcEnvelope.Message message) {
		return (message.method() == null) ? "(response)" : message.method();
	}

	/** The client's or the proxy's correlation id, if any. */
	private static String requestId(HttpServletRequest request) {
		return bounded(request.getHeader("X-Request-Id"));
	}

	/** A header value as the client sent it, cut to 128 characters so that it cannot flood the log. */
	private static String bounded(String value) {
		return value == null ? null : value.substring(0, Math.min(value.length(), 128));
	}

	private static LogLine decision(String outcome) {
		return new LogLine("decision", outcome);
	}

	private static LogLine withCaller(LogLine line, Caller caller) {
		return line.quoted("issuer", caller.issuer())
			.quoted("subject", caller.subject())
			.quoted("client", caller.clientId());
	}

}
