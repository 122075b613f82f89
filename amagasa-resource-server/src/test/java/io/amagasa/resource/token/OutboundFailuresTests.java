package io.amagasa.resource.token;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;

import javax.net.ssl.SSLHandshakeException;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;

/** What the operator reads when an issuer's endpoint fails, and how often. */
class OutboundFailuresTests {

	static final URI JWKS = URI.create("https://idp.example/jwks");

	private final Logger logger = (Logger) LoggerFactory.getLogger(OutboundFailures.LOGGER);

	private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

	@BeforeEach
	void capture() {
		this.lines.start();
		this.logger.addAppender(this.lines);
	}

	@AfterEach
	void release() {
		this.logger.detachAppender(this.lines);
	}

	@Test
	void theFirstFailureIsAWarningWithItsWholeCause() {
		OutboundFailures failures = new OutboundFailures("jwk_set", "https://idp.example", Duration.ofHours(1));
		IOException failure = new IOException("Couldn't connect",
				new SSLHandshakeException("PKIX path building failed: unable to find valid certification path"));

		failures.failed(JWKS, failure);

		assertThat(this.lines.list).singleElement().satisfies(line -> {
			assertThat(line.getLevel()).isEqualTo(Level.WARN);
			assertThat(line.getFormattedMessage()).isEqualTo("event=jwk_set outcome=\"failed\" issuer=\"https://idp.example\" "
					+ "uri=\"https://idp.example/jwks\" error=\"Couldn't connect: PKIX path building failed: unable to find "
					+ "valid certification path\" failures_not_logged=0");
		});
	}

	/** An endpoint that is down fails on every request that needs it: one line per interval, counted. */
	@Test
	void repeatedFailuresAreCountedNotLoggedAndTheRecoveryIsOneLine() {
		OutboundFailures failures = new OutboundFailures("introspection", "https://idp.example", Duration.ofHours(1));
		for (int i = 0; i < 4; i++) {
			failures.failed(JWKS, "HTTP 503");
		}
		failures.succeeded(JWKS);
		failures.succeeded(JWKS);

		assertThat(this.lines.list).extracting(ILoggingEvent::getFormattedMessage)
			.containsExactly(
					"event=introspection outcome=\"failed\" issuer=\"https://idp.example\" uri=\"https://idp.example/jwks\" "
							+ "error=\"HTTP 503\" failures_not_logged=0",
					"event=introspection outcome=\"recovered\" issuer=\"https://idp.example\" "
							+ "uri=\"https://idp.example/jwks\" failures_not_logged=3");
	}

	@Test
	void afterTheIntervalTheNextFailureIsLoggedWithTheCountInBetween() throws Exception {
		OutboundFailures failures = new OutboundFailures("jwk_set", "https://idp.example", Duration.ofMillis(1));
		failures.failed(JWKS, "HTTP 503");
		Thread.sleep(5);
		failures.failed(JWKS, "HTTP 502");

		assertThat(this.lines.list).extracting(ILoggingEvent::getFormattedMessage)
			.last()
			.asString()
			.contains("error=\"HTTP 502\"");
		assertThat(this.lines.list).hasSize(2);
	}

	/**
	 * Messages are kept once each, outermost first (one already quoted by its wrapper is not repeated); one
	 * without a message is named by its class; a remote
	 * answer quoted in a message cannot start a new line, and is cut at 512 characters.
	 */
	@Test
	void causesAreReadableAndBounded() {
		assertThat(OutboundFailures.causes(new IOException("Couldn't retrieve", new ConnectException())))
			.isEqualTo("Couldn't retrieve: ConnectException");
		assertThat(OutboundFailures.causes(new IOException("HTTP 500", new IOException("HTTP 500")))).isEqualTo("HTTP 500");
		assertThat(OutboundFailures.causes(new IOException("x".repeat(600)))).hasSize(513).endsWith("…");

		new OutboundFailures("jwk_set", "https://idp.example", Duration.ofHours(1)).failed(JWKS,
				new IOException("names issuer 'a\"\nevent=forged'"));
		assertThat(this.lines.list.get(0).getFormattedMessage())
			.contains("error=\"names issuer 'a\\\"?event=forged'\"");
	}

}
