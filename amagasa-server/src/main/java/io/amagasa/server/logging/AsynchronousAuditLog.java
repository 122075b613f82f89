package io.amagasa.server.logging;

import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.OutputStreamAppender;
import io.amagasa.resource.audit.AuthorizationAudit;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/**
 * Writes the security decision lines — the resource server's audit lines (one per authorization decision,
 * RS-26) and the embedded authorization server's (logins, consents, token issuance) — from one background
 * thread, through the same appenders as every other line, in the same format and order. Written
 * synchronously, every request's thread waited for the console lock and a write system call: under load
 * the request threads queued on that lock, and the audit line cost more than authentication itself.
 * <p>
 * No line is ever dropped: a full queue makes the request wait rather than lose its line (logback's
 * AsyncAppender would discard INFO lines when nearly full). The writer takes the lines in batches
 * ({@link BatchingAsyncAppender}), so that a request thread does not wake it for every line. Queued lines
 * are written when the application stops. The console gets them a batch at a time, in as few writes as
 * whole lines allow ({@link BatchedConsoleStream}). Done only when logback is the logging system, for the
 * loggers nobody gave appenders of their own: an own logback configuration decides for itself.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public final class AsynchronousAuditLog implements SmartInitializingSingleton, DisposableBean {

	/** Lines waiting to be written; a burst beyond this makes requests wait, never drops a line. */
	static final int QUEUE_SIZE = 8192;

	/** How long shutting down waits for queued lines to be written. */
	static final int MAX_FLUSH_MILLIS = 5000;

	static final String APPENDER_NAME = "AMAGASA_AUDIT_ASYNC";

	/** The loggers of decision lines: the resource server's audit, and the authorization server's package. */
	static final List<String> DECISION_LOGGERS = List.of(AuthorizationAudit.LOGGER, "io.amagasa.authorization");

	private LoggerContext context;

	private BatchingAsyncAppender async;

	/** The console appenders made for the writer ({@link #batchedForm}), stopped with it. */
	private List<OutputStreamAppender<ILoggingEvent>> batchedConsoles = List.of();

	@Override
	public void afterSingletonsInstantiated() {
		if (LoggerFactory.getILoggerFactory() instanceof LoggerContext loggerContext) {
			attach(loggerContext);
		}
	}

	/**
	 * Before logging shuts down (which stops the root's appenders first): the decision loggers write
	 * synchronously again, and the queued lines are written while the appenders still run.
	 */
	@Override
	public void destroy() {
		if (this.async == null) {
			return;
		}
		for (String name : DECISION_LOGGERS) {
			Logger logger = this.context.getLogger(name);
			if (logger.detachAppender(this.async)) {
				logger.setAdditive(true);
			}
		}
		this.async.stop();
		this.async = null;
		this.batchedConsoles.forEach(Appender::stop);
	}

	void attach(LoggerContext loggerContext) {
		List<Logger> loggers = DECISION_LOGGERS.stream()
			.map(loggerContext::getLogger)
			.filter(AsynchronousAuditLog::unconfigured)
			.toList();
		List<Appender<ILoggingEvent>> rootAppenders = new ArrayList<>();
		loggerContext.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().forEachRemaining(rootAppenders::add);
		if (loggers.isEmpty() || rootAppenders.isEmpty()) {
			return;
		}
		BatchingAsyncAppender appender = new BatchingAsyncAppender(QUEUE_SIZE, MAX_FLUSH_MILLIS);
		appender.setContext(loggerContext);
		appender.setName(APPENDER_NAME);
		this.batchedConsoles = new ArrayList<>();
		for (Appender<ILoggingEvent> rootAppender : rootAppenders) {
			appender.addAppender(batchedForm(rootAppender, loggerContext));
		}
		appender.start();
		for (Logger logger : loggers) {
			logger.addAppender(appender);
			logger.setAdditive(false);
		}
		this.context = loggerContext;
		this.async = appender;
	}

	/**
	 * The root's console appender as one that writes the decision lines a batch at a time
	 * ({@link BatchedConsoleStream}), with its encoder (the same format) and its filters; any other appender
	 * as it is.
	 */
	private Appender<ILoggingEvent> batchedForm(Appender<ILoggingEvent> appender, LoggerContext loggerContext) {
		if (!(appender instanceof ConsoleAppender<ILoggingEvent> console) || console.getClass() != ConsoleAppender.class
				|| console.isWithJansi() || console.getEncoder() == null) {
			return appender;
		}
		boolean standardError = "System.err".equals(console.getTarget());
		OutputStreamAppender<ILoggingEvent> batched = new OutputStreamAppender<>();
		batched.setContext(loggerContext);
		batched.setName(console.getName() + "_" + APPENDER_NAME);
		batched.setEncoder(console.getEncoder());
		console.getCopyOfAttachedFiltersList().forEach(batched::addFilter);
		batched.setImmediateFlush(false);
		batched.setOutputStream(new BatchedConsoleStream(standardError ? () -> System.err : () -> System.out));
		batched.start();
		this.batchedConsoles.add(batched);
		return batched;
	}

	/**
	 * Whether the logger writes through the root's appenders only, or through one of ours that was stopped
	 * (logging shut down while the JVM lives on, as between test contexts).
	 */
	private static boolean unconfigured(Logger logger) {
		Appender<ILoggingEvent> ours = logger.getAppender(APPENDER_NAME);
		if (ours != null && ours.isStarted()) {
			return false;
		}
		if (ours != null) {
			logger.detachAppender(ours);
			logger.setAdditive(true);
		}
		return !logger.iteratorForAppenders().hasNext() && logger.isAdditive();
	}

}
