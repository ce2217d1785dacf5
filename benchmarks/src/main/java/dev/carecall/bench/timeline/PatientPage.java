package dev.carecall.bench.timeline;

import org.openqa.selenium.By;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The patient page in Debian's headless Chromium with fake camera and microphone, with {@code page-probe.js}
 * injected before the page's own scripts so that each step of joining is stamped on the page's clock.
 */
public final class PatientPage implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String OUTGOING_VIDEO = """
            const done = arguments[arguments.length - 1];
            (async () => {
              let out = {};
              for (const pc of window.__benchPeers || []) {
                (await pc.getStats()).forEach((r) => {
                  if (r.type === 'outbound-rtp' && r.kind === 'video') {
                    out = { framesEncoded: r.framesEncoded, framesSent: r.framesSent, width: r.frameWidth,
                      height: r.frameHeight, fps: r.framesPerSecond, limitation: r.qualityLimitationReason };
                  }
                });
              }
              done(out);
            })();
            """;

    private final Path profile;
    private final ChromeDriver driver;

    /** A page whose fake camera runs at Chromium's default frame rate. */
    PatientPage() {
        this(0);
    }

    /** A page whose fake camera runs at {@code framesPerSecond} (0: Chromium's default). */
    public PatientPage(int framesPerSecond) {
        try {
            profile = Files.createTempDirectory("carecall-bench-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("carecall.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-features=WebRtcHideLocalIpsWithMdns", "--autoplay-policy=no-user-gesture-required",
                framesPerSecond > 0 ? "--use-fake-device-for-media-stream=fps=" + framesPerSecond
                        : "--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--user-data-dir=" + profile, "--window-size=1366,768");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("carecall.chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", probe()));
    }

    public void open(String url) {
        driver.get(url);
    }

    /** Waits until the page offers "Join Call" (the doctor has started, the pre-call check is done). */
    public void awaitJoin() {
        try {
            new WebDriverWait(driver, WAIT, Duration.ofMillis(20)).until(d -> {
                WebElement button = d.findElement(By.id("primary-action"));
                return button.isEnabled() && button.getText().equals("Join Call");
            });
        } catch (TimeoutException e) {
            throw new IllegalStateException("the patient page did not offer Join Call within " + WAIT.toSeconds()
                    + " s (its button says '" + driver.findElement(By.id("primary-action")).getText() + "')", e);
        }
    }

    public void clickJoin() {
        driver.findElement(By.id("primary-action")).click();
    }

    /**
     * The page's outgoing video from {@code getStats()}: framesEncoded, framesSent, width, height, fps and
     * qualityLimitationReason (why the browser sends less than the camera gives).
     */
    @SuppressWarnings("unchecked")
    public Map<String, Object> outgoingVideo() {
        Object raw = driver.executeAsyncScript(OUTGOING_VIDEO);
        return raw instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    /** Waits until the page noted {@code mark}. */
    void awaitMark(String mark) {
        new WebDriverWait(driver, WAIT, Duration.ofMillis(20)).until(d -> marks().containsKey(mark));
    }

    /** What the page noted so far: step → epoch microseconds. */
    Map<String, Long> marks() {
        Object raw = driver.executeScript("return Object.assign({}, window.__benchMarks || {});");
        Map<String, Long> marks = new HashMap<>();
        if (raw instanceof Map<?, ?> map) {
            map.forEach((k, v) -> marks.put(String.valueOf(k), Math.round(((Number) v).doubleValue() * 1000)));
        }
        return marks;
    }

    private static String probe() {
        try (InputStream in = PatientPage.class.getResourceAsStream("page-probe.js")) {
            if (in == null) {
                throw new IllegalStateException("page-probe.js is missing from the benchmark jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a leftover temporary profile is harmless
            }
        }
    }
}
