package dev.carecall.e2e;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One headless Chromium with fake camera and microphone (a moving test pattern and a beep) that opens the patient
 * page. Uses Debian's chromium and chromedriver so Selenium downloads nothing, and a fresh profile each time.
 */
final class PatientBrowser implements AutoCloseable {
    static final Dimension PHONE = new Dimension(390, 844);
    static final Dimension DESKTOP = new Dimension(1366, 768);
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Path profile;
    private final ChromeDriver driver;

    /** What the browser's camera and microphone do. */
    enum Media {
        /** Chromium's fake devices (moving test pattern, beep), permission granted. */
        FAKE_DEVICES,
        /** Permission granted, but no devices (this machine has no camera or sound card). */
        NO_DEVICES,
        /** The patient refused the permission prompt. */
        DENIED
    }

    PatientBrowser(Dimension size) {
        this(size, Media.FAKE_DEVICES);
    }

    PatientBrowser(Dimension size, Media media) {
        this(size, media, List.of());
    }

    /**
     * @param extraArguments more Chromium flags, e.g. a test CA's {@code --ignore-certificate-errors-spki-list}
     *                       ({@code TestCa.chromiumTrustArgument()})
     */
    PatientBrowser(Dimension size, Media media, List<String> extraArguments) {
        try {
            profile = Files.createTempDirectory("carecall-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("carecall.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                // Real host candidates instead of mDNS names: webrtc-java cannot resolve .local names.
                "--disable-features=WebRtcHideLocalIpsWithMdns",
                "--autoplay-policy=no-user-gesture-required",
                "--user-data-dir=" + profile,
                "--window-size=" + size.width + "," + size.height);
        options.addArguments(extraArguments);
        switch (media) {
            case FAKE_DEVICES -> options.addArguments("--use-fake-device-for-media-stream",
                    "--use-fake-ui-for-media-stream");
            case NO_DEVICES -> options.addArguments("--use-fake-ui-for-media-stream");
            case DENIED -> options.addArguments("--use-fake-device-for-media-stream", "--deny-permission-prompts");
        }
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("carecall.chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
        resize(size);
    }

    /** Sets the viewport (not the window) to this size, as a phone or a desktop browser would show the page. */
    void resize(Dimension size) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                "width", size.width, "height", size.height, "deviceScaleFactor", 1, "mobile", size.width < 700));
    }

    /** Runs this script at the start of every page from now on, before the page's own scripts. */
    void beforeEveryPage(String js) {
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", js));
    }

    /**
     * From the next page on, the patient page uses TURN relays only (the page's diagnosis switch, which a patient
     * cannot set by accident: see app.js {@code iceTransportPolicy}).
     */
    void forceRelay() {
        beforeEveryPage("localStorage.setItem('carecall.iceTransportPolicy', 'relay');");
    }

    void open(String url) {
        driver.get(url);
    }

    /** Waits until the element with this id is visible and returns its text. */
    String visibleText(String id) {
        return until(d -> {
            WebElement e = d.findElement(By.id(id));
            return e.isDisplayed() && !e.getText().isBlank() ? e.getText() : null;
        });
    }

    boolean isDisplayed(String id) {
        return driver.findElement(By.id(id)).isDisplayed();
    }

    void click(String id) {
        until(d -> {
            WebElement e = d.findElement(By.id(id));
            return e.isDisplayed() && e.isEnabled() ? e : null;
        }).click();
    }

    /** Runs JavaScript in the page; a returned promise is awaited. */
    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    /** The page's test hook: figures from pc.getStats() (see peer.js summariseStats), or null outside a call. */
    @SuppressWarnings("unchecked")
    Map<String, Object> stats() {
        return (Map<String, Object>) script("return window.carecall.stats();");
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> state() {
        return (Map<String, Object>) script("return window.carecall.state();");
    }

    long stat(String name) {
        Map<String, Object> stats = stats();
        return stats == null ? 0 : ((Number) stats.get(name)).longValue();
    }

    /** Waits for a condition (non-null, non-false result) or fails with the page's state and console. */
    <T> T until(Function<ChromeDriver, T> condition) {
        return until(condition, () -> "");
    }

    /** As {@link #until(Function)}, adding {@code detail} to the failure. */
    <T> T until(Function<ChromeDriver, T> condition, Supplier<String> detail) {
        try {
            return new WebDriverWait(driver, WAIT, Duration.ofMillis(100)).until(d -> condition.apply(driver));
        } catch (TimeoutException e) {
            throw new AssertionError("timed out; " + detail.get() + "; page state " + safeState() + "; console:\n"
                    + console(), e);
        }
    }

    private Object safeState() {
        try {
            return script("return window.carecall ? window.carecall.state() : 'no page';");
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    /** What the page logged (warnings explain failed negotiations). */
    String console() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(entry -> entry.getLevel() + " " + entry.getMessage())
                .collect(Collectors.joining("\n"));
    }

    void screenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ChromeDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // A leftover temporary profile is harmless.
            }
        }
    }
}
