package io.amagasa.server.logging;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.function.Supplier;

/**
 * The console as an appender's stream that holds lines back until {@link #flush()}, then hands them to the
 * console in as few writes as it can: the audit writer flushes once per batch, so a busy server makes one
 * write system call per some fifteen decision lines instead of one per line (async-profiler: a third of the
 * writer thread's CPU was the per-line {@code write}).
 * <p>
 * Each write is at most {@link #MAX_WRITE} bytes and holds whole lines only (an encoder hands over one
 * line per call): a write of up to {@code PIPE_BUF} bytes to a pipe is never interleaved with another
 * writer's, so a log collector reading the server's output through a pipe still sees every line whole.
 * The console is looked up on every flush, as logback's own console target does, so a redirected
 * {@code System.out} (a test's output capture) is honoured.
 */
final class BatchedConsoleStream extends OutputStream {

	/** {@code PIPE_BUF} on Linux: the largest write to a pipe that POSIX guarantees to be atomic. */
	static final int MAX_WRITE = 4096;

	private final Supplier<PrintStream> console;

	private final byte[] held = new byte[MAX_WRITE];

	private int count;

	BatchedConsoleStream(Supplier<PrintStream> console) {
		this.console = console;
	}

	@Override
	public synchronized void write(int b) {
		write(new byte[] { (byte) b }, 0, 1);
	}

	@Override
	public synchronized void write(byte[] bytes, int offset, int length) {
		if (length > MAX_WRITE - this.count) {
			flush();
		}
		if (length >= MAX_WRITE) {
			// a line longer than a pipe's atomic write: on its own, as the console appender would write it
			PrintStream out = this.console.get();
			out.write(bytes, offset, length);
			out.flush();
			return;
		}
		System.arraycopy(bytes, offset, this.held, this.count, length);
		this.count += length;
	}

	@Override
	public synchronized void flush() {
		if (this.count > 0) {
			PrintStream out = this.console.get();
			out.write(this.held, 0, this.count);
			out.flush();
			this.count = 0;
		}
	}

	/** Writes what is held; the console itself stays open. */
	@Override
	public void close() {
		flush();
	}

}
