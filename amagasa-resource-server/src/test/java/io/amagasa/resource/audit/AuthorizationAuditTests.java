package io.amagasa.resource.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.amagasa.resource.jsonrpc.JsonRpcEnvelope;
import io.amagasa.resource.token.Caller;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit line of each decision, exactly (RS-26), and its counter. */
class AuthorizationAuditTests {

	private static final Caller CALLER = new Caller("https://as.example", "alice", "vscode", Set.of("weather.read"),
			Set.of(), "tenant-1", Instant.parse("2026-01-01T00:00:00Z"), Map.of());

	private final Logger logger = (Logger) LoggerFactory.getLogger(AuthorizationAudit.LOGGER);

	private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final AuthorizationAudit audit = new AuthorizationAudit(this.meters);

	private Level level;

	@BeforeEach
	void capture() {
		this.level = this.logger.getLevel();
		this.logger.setLevel(Level.INFO);
		this.lines.start();
		this.logger.addAppender(this.lines);
	}

	@AfterEach
	void release() {
		this.logger.detachAppender(this.lines);
		this.logger.setLevel(this.level);
	}

	@Test
	void allowedToolCallNamesEveryoneInvolved() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/mcp");
		request.addHeader("X-Request-Id", "req-7");
		JsonRpcEnvelope envelope = new JsonRpcEnvelope(
				List.of(new JsonRpcEnvelope.Message("tools/call", "7", "get_forecast")));

		this.audit.decided(request, CALLER, envelope, true, "allowed", 200);

		assertThat(onlyLine(Level.INFO)).isEqualTo("decision=allow reason=\"allowed\" status=200 "
				+ "issuer=\"https://as.example\" subject=\"alice\" client=\"vscode\" tenant=\"tenant-1\" "
				+ "method=\"tools/call\" tool=\"get_forecast\" jsonrpc_id=\"7\" http_request_id=\"req-7\"");
		assertThat(count("allow", "allowed")).isEqualTo(1.0);
	}

	/**
	 * Nothing a caller sends can end a value or start a new line; absent values are {@code -}; the request id
	 * is cut at 128 characters.
	 */
	@Test
	void callerChosenValuesCannotForgeALine() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/mcp");
		request.addHeader("X-Request-Id", "a\" decision=allow\nx\\" + "y".repeat(200));
		Caller caller = new Caller("https://as.example", null, "c\u007f\r", Set.of(), Set.of(), null, null, Map.of());
		JsonRpcEnvelope envelope = new JsonRpcEnvelope(List.of(new JsonRpcEnvelope.Message("tools/call", null, null)));

		this.audit.decided(request, caller, envelope, false, "insufficient_scope", 403);

		assertThat(onlyLine(Level.INFO)).isEqualTo("decision=deny reason=\"insufficient_scope\" status=403 "
				+ "issuer=\"https://as.example\" subject=- client=\"c??\" tenant=- method=\"tools/call\" tool=\"\" "
				+ "jsonrpc_id=- http_request_id=\"a\\\" decision=allow?x\\\\" + "y".repeat(108) + "\"");
		assertThat(count("deny", "insufficient_scope")).isEqualTo(1.0);
	}

	@Test
	void unauthenticatedRequestsNameTheirStatus() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/mcp");
		request.setQueryString("access_token=secret");

		this.audit.unauthenticated(request, "malformed_authorization_header");
		this.audit.unauthenticated(request, AuthorizationAudit.NO_TOKEN);

		assertThat(this.lines.list).extracting(ILoggingEvent::getFormattedMessage)
			.containsExactly(
					"decision=deny reason=\"malformed_authorization_header\" status=400 method=\"POST\" path=\"/mcp\" http_request_id=-",
					"decision=deny reason=\"no_token\" status=401 method=\"POST\" path=\"/mcp\" http_request_id=-");
		assertThat(count("deny", AuthorizationAudit.NO_TOKEN)).isEqualTo(1.0);
	}

	@Test
	void sessionMismatchIsAWarning() {
		this.audit.sessionMismatch(new MockHttpServletRequest("POST", "/mcp"), CALLER);

		assertThat(onlyLine(Level.WARN)).isEqualTo("decision=deny reason=\"session_not_owned\" status=404 "
				+ "issuer=\"https://as.example\" subject=\"alice\" client=\"vscode\" http_request_id=-");
		assertThat(count("deny", "session_not_owned")).isEqualTo(1.0);
	}

	/** With INFO off the decision still counts; no line is built. */
	@Test
	void decisionsCountWhenTheLineIsOff() {
		this.logger.setLevel(Level.WARN);

		this.audit.decided(new MockHttpServletRequest("POST", "/mcp"), CALLER, JsonRpcEnvelope.EMPTY, true, "allowed",
				200);

		assertThat(this.lines.list).isEmpty();
		assertThat(count("allow", "allowed")).isEqualTo(1.0);
	}

	private String onlyLine(Level level) {
		assertThat(this.lines.list).hasSize(1);
		ILoggingEvent event = this.lines.list.get(0);
		assertThat(event.getLevel()).isEqualTo(level);
		return event.getFormattedMessage();
	}

	private double count(String outcome, String reason) {
		return this.meters.get(AuthorizationAudit.METRIC)
			.tag("outcome", outcome)
			.tag("reason", reason)
			.counter()
			.count();
	}

}
