package io.amagasa.server.logging;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit writer's console: lines held until the batch ends or a pipe's atomic write is full, and only
 * ever written whole.
 */
class BatchedConsoleStreamTests {

	/** Every write the console receives, as it received it. */
	private final List<byte[]> writes = new ArrayList<>();

	private final PrintStream console = new PrintStream(new OutputStream() {

		@Override
		public void write(int b) {
			BatchedConsoleStreamTests.this.writes.add(new byte[] { (byte) b });
		}

		@Override
		public void write(byte[] bytes, int offset, int length) {
			BatchedConsoleStreamTests.this.writes.add(Arrays.copyOfRange(bytes, offset, offset + length));
		}

	});

	private final BatchedConsoleStream stream = new BatchedConsoleStream(() -> this.console);

	@Test
	void linesAreHeldUntilTheyFillAPipeBufOrAreFlushedThenWrittenWhole() {
		ByteArrayOutputStream expected = new ByteArrayOutputStream();
		for (int i = 0; i < 100; i++) {
			byte[] line = "decision=allow line=%03d %s\n".formatted(i, "x".repeat(75))
				.getBytes(StandardCharsets.US_ASCII);
			assertThat(line).hasSize(100);
			this.stream.write(line, 0, line.length);
			expected.writeBytes(line);
			if (i == 39) {
				assertThat(this.writes).as("nothing written while the lines fit").isEmpty();
			}
		}
		assertThat(this.writes).as("written when the next line would not fit").hasSize(2);

		this.stream.flush();

		// 40 lines of 100 bytes fit in 4,096: three writes, never a line cut in two
		assertThat(this.writes).hasSize(3);
		assertThat(this.writes).allSatisfy(write -> {
			assertThat(write.length).isLessThanOrEqualTo(BatchedConsoleStream.MAX_WRITE);
			assertThat(write[write.length - 1]).isEqualTo((byte) '\n');
		});
		assertThat(concatenated()).isEqualTo(expected.toByteArray());
		this.stream.flush();
		assertThat(this.writes).as("nothing held, nothing written").hasSize(3);
	}

	@Test
	void aLineLongerThanPipeBufIsWrittenOnItsOwnAndInOrder() {
		byte[] first = "first\n".getBytes(StandardCharsets.US_ASCII);
		byte[] longLine = ("y".repeat(5000) + "\n").getBytes(StandardCharsets.US_ASCII);
		byte[] last = "last\n".getBytes(StandardCharsets.US_ASCII);
		this.stream.write(first, 0, first.length);
		this.stream.write(longLine, 0, longLine.length);
		this.stream.write(last, 0, last.length);
		this.stream.close();
		assertThat(this.writes).containsExactly(first, longLine, last);
	}

	private byte[] concatenated() {
		ByteArrayOutputStream all = new ByteArrayOutputStream();
		this.writes.forEach(all::writeBytes);
		return all.toByteArray();
	}

}
