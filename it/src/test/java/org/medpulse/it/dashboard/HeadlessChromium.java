package org.medpulse.it.dashboard;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium driven through Debian's chromedriver: both paths are given, so
 * Selenium Manager never looks for (or downloads) anything. Absent packages skip the test.
 */
public final class HeadlessChromium implements AutoCloseable {

    public static final Path BROWSER = Path.of("/usr/bin/chromium");
    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    /**
     * Selenium warns that it has no CDP bindings for this Chromium: the test uses none (its two CDP
     * calls go through chromedriver). Held here so the setting is not garbage-collected.
     */
    private static final Logger CDP_LOGGER = quiet("org.openqa.selenium.devtools");

    private final Path profile;
    private final ChromeDriverService service;
    private final ChromeDriver driver;

    private HeadlessChromium(Path profile) {
        this.profile = profile;
        this.service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-extensions", "--user-data-dir=" + profile, "--window-size=1366,768", "--lang=en-GB");
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        this.driver = new ChromeDriver(service, options);
    }

    /** Starts a browser, or skips the calling test when Chromium or its driver is not installed. */
    public static HeadlessChromium startOrSkip(Path workDir) throws IOException {
        assumeTrue(Files.isExecutable(BROWSER), BROWSER + " is not installed (Debian package chromium)");
        assumeTrue(Files.isExecutable(DRIVER), DRIVER + " is not installed (Debian package chromium-driver)");
        // Selenium Manager must stay idle: this names the driver before anything could ask it.
        System.setProperty("webdriver.chrome.driver", DRIVER.toString());
        Files.createDirectories(workDir);
        return new HeadlessChromium(Files.createTempDirectory(workDir, "chromium-profile-"));
    }

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.SEVERE);
        return logger;
    }

    public ChromeDriver driver() {
        return driver;
    }

    public void viewport(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /** Emulates a phone-sized viewport (the desktop window cannot be made that narrow everywhere). */
    public void emulatePhone(int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", true));
    }

    public void stopEmulation() {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    /** The browser console since the last call: page errors, failed loads, console.error and friends. */
    public List<LogEntry> consoleSinceLastCall() {
        return driver.manage().logs().get(LogType.BROWSER).getAll();
    }

    /** Saves a PNG of the whole page, beyond the viewport, at the current width. */
    public void screenshotFullPage(Path file) throws IOException {
        Number width = (Number) driver.executeScript("return document.documentElement.clientWidth");
        Number height = (Number) driver.executeScript("return document.documentElement.scrollHeight");
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of(
                "format", "png",
                "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            service.stop();
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
