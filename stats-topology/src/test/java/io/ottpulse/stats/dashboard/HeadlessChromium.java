package io.ottpulse.stats.dashboard;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumDriverLogLevel;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver. Both paths are given to Selenium, so Selenium
 * Manager never looks for (or downloads) a browser or a driver.
 */
final class HeadlessChromium implements AutoCloseable {

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private final ChromeDriver driver;

    private HeadlessChromium(ChromeDriver driver) {
        this.driver = driver;
    }

    /** @param profile an empty folder for the browser's profile, so no state leaks between runs */
    static HeadlessChromium start(Path profile) {
        requireInstalled(BROWSER, "chromium");
        requireInstalled(DRIVER, "chromium-driver");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .withLogLevel(ChromiumDriverLogLevel.WARNING)
                .build();
        ChromeOptions options = new ChromeOptions()
                .setBinary(BROWSER.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--window-size=1280,1000", "--user-data-dir=" + profile.toAbsolutePath());
        return new HeadlessChromium(new ChromeDriver(service, options));
    }

    private static void requireInstalled(Path executable, String debianPackage) {
        if (!Files.isExecutable(executable)) {
            throw new IllegalStateException("The dashboard test needs Debian's Chromium and its driver, but "
                    + executable + " (package " + debianPackage + ") is missing. Install them with: "
                    + "apt-get install -y chromium chromium-driver (.ci/run does this on CI)");
        }
    }

    WebDriver driver() {
        return driver;
    }

    /** Saves what the page looks like now, for a person to look at after the run. */
    void screenshot(Path file) throws IOException {
        File taken = driver.getScreenshotAs(OutputType.FILE);
        Files.createDirectories(file.getParent());
        Files.copy(taken.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        Files.delete(taken.toPath());
    }

    /** Ends the browser and chromedriver. */
    @Override
    public void close() {
        driver.quit();
    }
}
