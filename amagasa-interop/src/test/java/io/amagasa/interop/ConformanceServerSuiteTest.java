package io.amagasa.interop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official MCP conformance suite's {@code server} command against the packaged server in
 * {@code none} mode on loopback (the suite sends no credentials). Every scenario that applies to a
 * tools-only server must pass, {@code dns-rebinding-protection} (TR-01, TR-02) included; the ones that do
 * not apply are listed, with the reason, in conformance-expected-failures.yml, and the suite itself fails
 * the run on any other failure or on a stale entry.
 */
class ConformanceServerSuiteTest {

	private static final Pattern TOTAL = Pattern.compile("Total: (\\d+) passed, (\\d+) failed");

	@Test
	void serverScenariosPassAtSpec20251125() throws Exception {
		try (ServerProcess server = ServerProcess.start("conformance", Map.of(), "--amagasa.auth.mode=none")) {
			Path out = Interop.reportsDir().resolve("conformance-server");
			Node.Result result = Node.run("conformance-server", 300, Map.of(), Node.bin("conformance"), "server",
					"--url", server.mcpUrl(), "--spec-version", "2025-11-25", "--expected-failures",
					Interop.dir().resolve("conformance-expected-failures.yml").toString(), "-o", out.toString());

			assertThat(result.exitCode()).as(result.describe()).isZero();
			assertThat(result.stdout()).contains("✓ dns-rebinding-protection: 2 passed, 0 failed")
				.contains("✓ server-initialize")
				.contains("✓ server-session-lifecycle")
				.contains("✓ tools-list")
				.contains("Baseline check passed");
			Matcher total = TOTAL.matcher(result.stdout());
			assertThat(total.find()).as(result.stdout()).isTrue();
			Files.writeString(Interop.reportsDir().resolve("conformance-server-tally.txt"), total.group() + "\n");
		}
	}

}
