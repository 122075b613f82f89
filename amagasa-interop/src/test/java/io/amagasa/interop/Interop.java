package io.amagasa.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where the pinned npm packages and the test reports live. */
final class Interop {

	private Interop() {
	}

	static Path dir() {
		return Path.of(System.getProperty("amagasa.interop.dir", ".")).toAbsolutePath().normalize();
	}

	static Path reportsDir() {
		Path dir = Path.of(System.getProperty("amagasa.reports.dir", "target/interop-reports"));
		try {
			return Files.createDirectories(dir);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
