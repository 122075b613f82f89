package io.amagasa.authorization.consent;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven by its chromedriver, 360 CSS pixels wide (a small phone), with a
 * fresh profile. Nothing is downloaded: both binaries come from the distribution's packages
 * ({@code chromium}, {@code chromium-driver}).
 */
final class Chromium {

	static final int PHONE_WIDTH = 360;

	private static final Path BROWSER = Path.of("/usr/bin/chromium");

	private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

	private static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private Chromium() {
	}

	static ChromeDriver start(Path profile) {
		if (!Files.isExecutable(BROWSER) || !Files.isExecutable(DRIVER)) {
			throw new IllegalStateException("The browser tests need " + BROWSER + " and " + DRIVER
					+ ": apt-get install -y chromium chromium-driver");
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(BROWSER.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
				"--user-data-dir=" + profile.toAbsolutePath());
		// A desktop window is at least 500 pixels wide: emulate the phone's screen instead.
		options.setExperimentalOption("mobileEmulation",
				Map.of("deviceMetrics", Map.of("width", PHONE_WIDTH, "height", 800, "pixelRatio", 1.0)));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
			.withLogFile(new File("target/chromedriver.log"))
			.build();
		return new ChromeDriver(service, options);
	}

	/** Saves the whole page, not just the visible part, as {@code target/screenshots/<name>.png}. */
	static Path screenshot(ChromeDriver browser, String name) {
		@SuppressWarnings("unchecked")
		Map<String, Object> content = (Map<String, Object>) browser.executeCdpCommand("Page.getLayoutMetrics", Map.of())
			.get("cssContentSize");
		double height = ((Number) content.get("height")).doubleValue();
		Map<String, Object> shot = browser.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
				"captureBeyondViewport", true,
				"clip", Map.of("x", 0, "y", 0, "width", PHONE_WIDTH, "height", height, "scale", 1)));
		try {
			Files.createDirectories(SCREENSHOTS);
			Path file = SCREENSHOTS.resolve(name + ".png");
			Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
