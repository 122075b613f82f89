package io.amagasa.server.logging;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.AppenderBase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BatchingAsyncAppenderTests {

	private final LoggerContext context = new LoggerContext();

	private final Recording written = new Recording();

	private final BatchingAsyncAppender appender = new BatchingAsyncAppender(4, 5000);

	private final Logger logger = this.context.getLogger("test");

	BatchingAsyncAppenderTests() {
		this.context.setMDCAdapter(new LogbackMDCAdapter());
		this.written.setContext(this.context);
		this.written.start();
		this.appender.setContext(this.context);
		// one name per test: a writer of an earlier test could still be finishing
		this.appender.setName("batching-" + System.identityHashCode(this));
		this.appender.addAppender(this.written);
		this.appender.start();
		this.logger.setAdditive(false);
		this.logger.setLevel(Level.INFO);
		this.logger.addAppender(this.appender);
	}

	@AfterEach
	void stop() {
		this.appender.stop();
	}

	/** The writer thread writes; each line keeps the thread, MDC and arguments it was logged with. */
	@Test
	void linesAreWrittenOffTheLoggingThreadAsTheyWereLogged() {
		this.context.getMDCAdapter().put("request", "r-1");
		for (int i = 0; i < 50; i++) {
			this.logger.info("line {}", i);
		}
		this.context.getMDCAdapter().clear();
		this.appender.stop();

		assertThat(this.written.events).hasSize(50);
		for (int i = 0; i < 50; i++) {
			Written line = this.written.events.get(i);
			assertThat(line.message()).isEqualTo("line " + i);
			assertThat(line.loggedBy()).isEqualTo(Thread.currentThread().getName());
			assertThat(line.writtenBy()).startsWith("AuditLogWriter-batching");
			assertThat(line.mdc()).isEqualTo("r-1");
		}
	}

	/** An interrupted thread's line is not lost, and the thread keeps its interrupt. */
	@Test
	void anInterruptedLoggingThreadStillHasItsLineWritten() {
		Thread.currentThread().interrupt();
		try {
			for (int i = 0; i < 20; i++) {
				this.logger.info("while interrupted {}", i);
			}
			assertThat(Thread.currentThread().isInterrupted()).isTrue();
		}
		finally {
			Thread.interrupted();
		}
		this.appender.stop();
		assertThat(this.written.events).hasSize(20);
	}

	/** Only stopping ends the writer: an interrupt from anywhere else leaves it writing. */
	@Test
	void aStrayInterruptDoesNotEndTheWriter() throws InterruptedException {
		Thread writer = Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter(thread -> thread.getName().equals("AuditLogWriter-" + this.appender.getName()))
			.findFirst()
			.orElseThrow();
		writer.interrupt();
		writer.join(100);
		assertThat(writer.isAlive()).isTrue();
		this.logger.info("after the interrupt");
		this.appender.stop();
		assertThat(this.written.events).extracting(Written::message).containsExactly("after the interrupt");
		assertThat(this.written.events.get(0).writtenBy()).isEqualTo(writer.getName());
	}

	/** Stopping writes what is queued and leaves the attached appenders running: they belong to others too. */
	@Test
	void stoppingWritesTheQueueAndLeavesTheAttachedAppendersRunning() {
		this.written.blocked = true;
		for (int i = 0; i < 3; i++) {
			this.logger.info("queued {}", i);
		}
		this.written.blocked = false;
		this.appender.stop();

		assertThat(this.written.events).extracting(Written::message)
			.containsExactly("queued 0", "queued 1", "queued 2");
		assertThat(this.written.isStarted()).isTrue();
		assertThat(this.appender.isStarted()).isFalse();
	}

	private record Written(String message, String loggedBy, String writtenBy, String mdc) {
	}

	/** Records each event with the thread that wrote it; can hold the writer back to let lines queue. */
	private static final class Recording extends AppenderBase<ILoggingEvent> {

		private final List<Written> events = new CopyOnWriteArrayList<>();

		private volatile boolean blocked;

		@Override
		protected void append(ILoggingEvent event) {
			while (this.blocked) {
				Thread.onSpinWait();
			}
			this.events.add(new Written(event.getFormattedMessage(), event.getThreadName(),
					Thread.currentThread().getName(), event.getMDCPropertyMap().get("request")));
		}

	}

}
