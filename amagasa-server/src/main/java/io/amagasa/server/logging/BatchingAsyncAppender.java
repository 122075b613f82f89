package io.amagasa.server.logging;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.spi.AppenderAttachable;
import ch.qos.logback.core.spi.AppenderAttachableImpl;

/**
 * Hands log events to one background thread, which writes them through the attached appenders in the order
 * they were queued. Never drops an event: a full queue makes the logging thread wait.
 * <p>
 * Written by hand because logback's {@code AsyncAppender} (whose worker cannot be replaced) wakes its thread
 * for every event whenever that thread keeps up: each logging thread pays a futex wake-up, and the writer a
 * context switch per line. For the audit line of every MCP request that was about 12 µs of request-thread CPU
 * at 3,500 requests per second on two cores (async-profiler: {@code ArrayBlockingQueue.put} in
 * {@code ReentrantLock.unlock}), more than building the line. Here the writer, once it has emptied the queue,
 * pauses for {@link #PAUSE_NANOS} before it waits on the queue again: under load the logging threads only
 * enqueue (nobody waits on the queue to be woken), and the writer takes whatever arrived in the pause as one
 * batch. A line is written at most that pause late. When idle, the writer waits on the queue.
 */
final class BatchingAsyncAppender extends UnsynchronizedAppenderBase<ILoggingEvent>
		implements AppenderAttachable<ILoggingEvent> {

	/**
	 * How long the writer lets lines accumulate after emptying the queue: 10 ms. A timed wake-up of a
	 * thread costs some 20 µs of CPU here; with 1 ms that was still 4 µs per line at 3,500 lines a second.
	 */
	static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

	private final AppenderAttachableImpl<ILoggingEvent> appenders = new AppenderAttachableImpl<>();

	private final BlockingQueue<ILoggingEvent> queue;

	private final long maxFlushMillis;

	private Thread writer;

	/**
	 * @param capacity events waiting to be written; beyond that, logging threads wait
	 * @param maxFlushMillis how long {@link #stop()} waits for queued events to be written
	 */
	BatchingAsyncAppender(int capacity, long maxFlushMillis) {
		this.queue = new ArrayBlockingQueue<>(capacity);
		this.maxFlushMillis = maxFlushMillis;
	}

	@Override
	public void start() {
		if (isStarted()) {
			return;
		}
		super.start();
		this.writer = new Thread(this::write, "AuditLogWriter-" + getName());
		this.writer.setDaemon(true);
		this.writer.start();
	}

	/**
	 * Writes what is queued (waiting at most the flush time for the writer) and stops; the attached
	 * appenders are left running, since they may serve other loggers too.
	 */
	@Override
	public void stop() {
		if (!isStarted()) {
			return;
		}
		super.stop();
		this.writer.interrupt();
		try {
			this.writer.join(this.maxFlushMillis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		// events queued while the writer was finishing
		drainAndWrite(new ArrayList<>());
	}

	@Override
	protected void append(ILoggingEvent event) {
		// what the event reads from the logging thread (MDC, thread name, message arguments), read now
		event.prepareForDeferredProcessing();
		boolean interrupted = false;
		while (true) {
			try {
				this.queue.put(event);
				break;
			}
			catch (InterruptedException ex) {
				// the line must not be lost; the thread keeps its interrupt
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	private void write() {
		List<ILoggingEvent> batch = new ArrayList<>();
		while (isStarted()) {
			try {
				batch.add(this.queue.take());
			}
			catch (InterruptedException ex) {
				// stop() interrupts to end the wait; the loop's condition decides, so that a stray interrupt
				// cannot end the writer while loggers still queue lines for it
				continue;
			}
			drainAndWrite(batch);
			LockSupport.parkNanos(PAUSE_NANOS);
		}
		drainAndWrite(batch);
	}

	private void drainAndWrite(List<ILoggingEvent> batch) {
		this.queue.drainTo(batch);
		for (ILoggingEvent event : batch) {
			this.appenders.appendLoopOnAppenders(event);
		}
		if (!batch.isEmpty()) {
			writeHeldLines();
		}
		batch.clear();
	}

	/** The end of a batch: the lines a {@link BatchedConsoleStream} holds back are written. */
	private void writeHeldLines() {
		this.appenders.iteratorForAppenders().forEachRemaining(appender -> {
			if (appender instanceof OutputStreamAppender<ILoggingEvent> stream
					&& stream.getOutputStream() instanceof BatchedConsoleStream console) {
				console.flush();
			}
		});
	}

	@Override
	public void addAppender(Appender<ILoggingEvent> appender) {
		this.appenders.addAppender(appender);
	}

	@Override
	public Iterator<Appender<ILoggingEvent>> iteratorForAppenders() {
		return this.appenders.iteratorForAppenders();
	}

	@Override
	public Appender<ILoggingEvent> getAppender(String name) {
		return this.appenders.getAppender(name);
	}

	@Override
	public boolean isAttached(Appender<ILoggingEvent> appender) {
		return this.appenders.isAttached(appender);
	}

	@Override
	public void detachAndStopAllAppenders() {
		this.appenders.detachAndStopAllAppenders();
	}

	@Override
	public boolean detachAppender(Appender<ILoggingEvent> appender) {
		return this.appenders.detachAppender(appender);
	}

	@Override
	public boolean detachAppender(String name) {
		return this.appenders.detachAppender(name);
	}

}
