package io.amagasa.server.logging;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.read.ListAppender;
import io.amagasa.resource.audit.AuthorizationAudit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** RS-26: every decision line is written, off the request thread, and none is ever dropped. */
class AsynchronousAuditLogTest {

	private final LoggerContext context = new LoggerContext();

	private final ListAppender<ILoggingEvent> written = new ListAppender<>();

	private final AsynchronousAuditLog auditLog = new AsynchronousAuditLog();

	AsynchronousAuditLogTest() {
		this.context.setMDCAdapter(new LogbackMDCAdapter());
		this.written.setContext(this.context);
		this.written.start();
		this.context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(this.written);
	}

	@Test
	void aBurstFarBeyondTheQueueLosesNoLineAndKeepsEachThreadsOrder() throws Exception {
		this.auditLog.attach(this.context);
		org.slf4j.Logger audit = this.context.getLogger(AuthorizationAudit.LOGGER);
		org.slf4j.Logger tokens = this.context.getLogger("io.amagasa.authorization.token.RefreshTokenRotation");
		int threads = 8;
		int perThread = AsynchronousAuditLog.QUEUE_SIZE;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		for (int t = 0; t < threads; t++) {
			int thread = t;
			pool.execute(() -> {
				for (int i = 0; i < perThread; i++) {
					(i % 2 == 0 ? audit : tokens).info("decision=allow thread={} line={}", thread, i);
				}
			});
		}
		pool.shutdown();
		assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
		this.auditLog.destroy();

		List<String> lines = this.written.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
		assertThat(lines).hasSize(threads * perThread);
		for (int t = 0; t < threads; t++) {
			String prefix = "decision=allow thread=" + t + " ";
			List<String> ofThread = lines.stream().filter(line -> line.startsWith(prefix)).toList();
			List<String> expected = new ArrayList<>();
			for (int i = 0; i < perThread; i++) {
				expected.add(prefix + "line=" + i);
			}
			assertThat(ofThread).isEqualTo(expected);
		}
	}

	@Test
	void linesKeepTheThreadThatLoggedThemAndGoToTheRootsAppenders() throws Exception {
		this.auditLog.attach(this.context);
		this.context.getLogger(AuthorizationAudit.LOGGER).info("decision=deny reason=\"no_token\"");
		this.auditLog.destroy();
		assertThat(this.written.list).singleElement().satisfies(event -> {
			assertThat(event.getFormattedMessage()).isEqualTo("decision=deny reason=\"no_token\"");
			assertThat(event.getThreadName()).isEqualTo(Thread.currentThread().getName());
		});
		Logger audit = this.context.getLogger(AuthorizationAudit.LOGGER);
		assertThat(audit.getAppender(AsynchronousAuditLog.APPENDER_NAME)).as("detached when stopping").isNull();
		assertThat(audit.isAdditive()).isTrue();
		assertThat(this.written.isStarted()).as("the root's appenders outlive it").isTrue();
		audit.info("written synchronously after it stopped");
		assertThat(this.written.list).hasSize(2);
	}

	/** The console gets the lines in its own format, in order, and a batch in a few writes, each of whole lines. */
	@Test
	void theConsoleGetsTheLinesInItsFormatABatchAtATime() throws Exception {
		PatternLayoutEncoder encoder = new PatternLayoutEncoder();
		encoder.setContext(this.context);
		encoder.setPattern("%level %logger %msg%n");
		encoder.start();
		ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
		console.setContext(this.context);
		console.setName("CONSOLE");
		console.setEncoder(encoder);
		console.start();
		this.context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(console);
		List<String> writes = new ArrayList<>();
		PrintStream standardOutput = System.out;
		System.setOut(new PrintStream(new OutputStream() {

			@Override
			public void write(int b) {
				writes.add(String.valueOf((char) b));
			}

			@Override
			public void write(byte[] bytes, int offset, int length) {
				writes.add(new String(bytes, offset, length, StandardCharsets.UTF_8));
			}

		}, true, StandardCharsets.UTF_8));
		int lines = 200;
		try {
			this.auditLog.attach(this.context);
			org.slf4j.Logger audit = this.context.getLogger(AuthorizationAudit.LOGGER);
			for (int i = 0; i < lines; i++) {
				audit.info("decision=allow line={}", i);
			}
			this.auditLog.destroy();
		}
		finally {
			System.setOut(standardOutput);
		}
		List<String> expected = new ArrayList<>();
		for (int i = 0; i < lines; i++) {
			expected.add("INFO " + AuthorizationAudit.LOGGER + " decision=allow line=" + i);
		}
		assertThat(String.join("", writes).lines().toList()).isEqualTo(expected);
		assertThat(writes).allSatisfy(write -> assertThat(write).endsWith("\n"));
		assertThat(writes).as("written a batch at a time, not a line at a time").hasSizeLessThan(lines / 4);
		assertThat(this.written.list).as("the root's other appenders get every line too").hasSize(lines);
	}

	@Test
	void aLoggerGivenItsOwnAppendersIsLeftAsConfigured() {
		ListAppender<ILoggingEvent> own = new ListAppender<>();
		own.setContext(this.context);
		own.start();
		Logger audit = this.context.getLogger(AuthorizationAudit.LOGGER);
		audit.addAppender(own);
		this.auditLog.attach(this.context);
		assertThat(audit.getAppender(AsynchronousAuditLog.APPENDER_NAME)).isNull();
		assertThat(audit.isAdditive()).isTrue();
		assertThat(this.context.getLogger("io.amagasa.authorization").getAppender(AsynchronousAuditLog.APPENDER_NAME))
			.isNotNull();
	}

	@Test
	void attachingAgainAfterLoggingStoppedReplacesTheStoppedAppender() throws Exception {
		this.auditLog.attach(this.context);
		Logger audit = this.context.getLogger(AuthorizationAudit.LOGGER);
		// logging shut down (stopping every appender) and started again, the JVM still running
		audit.getAppender(AsynchronousAuditLog.APPENDER_NAME).stop();
		this.written.start();
		AsynchronousAuditLog again = new AsynchronousAuditLog();
		again.attach(this.context);
		assertThat(audit.getAppender(AsynchronousAuditLog.APPENDER_NAME).isStarted()).isTrue();
		audit.info("after");
		again.destroy();
		assertThat(this.written.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly("after");
	}

}
