package dev.carecall.e2e.browser;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.interactions.PointerInput;
import org.openqa.selenium.interactions.Sequence;
import org.openqa.selenium.logging.LogType;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Debian's headless Chromium through Selenium and Debian's chromedriver (nothing downloaded), fake camera and
 * microphone (a moving test pattern and a beep), a fresh profile. In a network namespace the browser is started
 * there by the test and chromedriver attaches to its forwarded DevTools port.
 */
final class ChromiumBrowser extends PatientBrowser {
    private final ChromeDriver driver;
    private final BrowserProcess process;

    ChromiumBrowser(BrowserOptions o) {
        super(o, "carecall-chromium-");
        List<String> args = new ArrayList<>(List.of("--headless=new", "--no-sandbox", "--disable-gpu",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                // Real host candidates instead of mDNS names, which webrtc-java cannot resolve.
                "--disable-features=WebRtcHideLocalIpsWithMdns",
                "--autoplay-policy=no-user-gesture-required",
                "--user-data-dir=" + profile(),
                "--window-size=" + o.size().getWidth() + "," + o.size().getHeight()));
        // Extra switches for a developer's diagnosis, e.g. libwebrtc's log: "--enable-logging --v=1 --log-file=...".
        String extra = System.getProperty("carecall.chromium.args", "");
        if (!extra.isBlank()) {
            args.addAll(List.of(extra.trim().split("\\s+")));
        }
        if (o.trustedSpki() != null) {
            args.add("--ignore-certificate-errors-spki-list=" + o.trustedSpki());
        }
        switch (o.media()) {
            case FAKE_DEVICES -> args.addAll(List.of("--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"));
            case TWO_CAMERAS -> args.addAll(List.of("--use-fake-device-for-media-stream=device-count=2",
                    "--use-fake-ui-for-media-stream"));
            case NO_DEVICES -> args.add("--use-fake-ui-for-media-stream");
            case DENIED -> args.addAll(List.of("--use-fake-device-for-media-stream", "--deny-permission-prompts"));
        }
        ChromeOptions options = new ChromeOptions();
        Map<String, String> env = new HashMap<>();
        if (o.language() != null) {
            args.addAll(List.of("--lang=" + o.language(), "--accept-lang=" + o.language() + "," + o.language().split("-")[0]));
            options.setExperimentalOption("prefs", Map.of("intl.accept_languages", o.language()));
        }
        if (o.timeZone() != null) {
            env.put("TZ", o.timeZone());
        }
        String binary = System.getProperty("carecall.chromium", "/usr/bin/chromium");
        if (o.namespace() == null) {
            process = null;
            options.setBinary(binary);
            options.addArguments(args);
        } else {
            // Started by the test inside the namespace; chromedriver (outside) attaches to the forwarded port.
            List<String> command = new ArrayList<>(o.namespace().command(binary));
            command.addAll(args);
            command.add("--remote-debugging-port=" + NetworkNamespace.freePort());
            command.add("about:blank");
            process = new BrowserProcess(command, env, "DevTools listening on ws://127.0.0.1:(\\d+)/");
            int port = process.port();
            o.namespace().exposeToHost(port);
            options.setExperimentalOption("debuggerAddress", "127.0.0.1:" + port);
        }
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("carecall.chromedriver", "/usr/bin/chromedriver")))
                .withEnvironment(env)
                .usingAnyFreePort()
                .build();
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            if (process != null) {
                process.close();
            }
            throw e;
        }
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        if (o.touch()) {
            driver.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", true, "maxTouchPoints", 5));
        }
        resize(o.size());
    }

    @Override
    public Browser kind() {
        return Browser.CHROMIUM;
    }

    @Override
    protected void navigate(String url) {
        driver.get(url);
    }

    @Override
    public void beforeEveryPage(String js) {
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", js));
    }

    @Override
    public void reload() {
        driver.navigate().refresh();
    }

    @Override
    public Object script(String body, Object... args) {
        return driver.executeScript(body, args);
    }

    @Override
    public void resize(Dimension size) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of(
                "width", size.width, "height", size.height, "deviceScaleFactor", 1, "mobile", size.width < 700));
    }

    @Override
    public byte[] screenshotPng() {
        return driver.getScreenshotAs(OutputType.BYTES);
    }

    @Override
    public String console() {
        try {
            return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .map(entry -> entry.getLevel() + " " + entry.getMessage())
                    .collect(Collectors.joining("\n"));
        } catch (RuntimeException e) {
            return "(no console: " + e.getMessage() + ")";
        }
    }

    @Override
    protected void pointerClick(String id) {
        driver.findElement(By.id(id)).click();
    }

    @Override
    protected void touchTap(String id) {
        WebElement element = driver.findElement(By.id(id));
        PointerInput finger = new PointerInput(PointerInput.Kind.TOUCH, "finger");
        Sequence tap = new Sequence(finger, 0)
                .addAction(finger.createPointerMove(Duration.ZERO, PointerInput.Origin.fromElement(element), 0, 0))
                .addAction(finger.createPointerDown(PointerInput.MouseButton.LEFT.asArg()))
                .addAction(finger.createPointerUp(PointerInput.MouseButton.LEFT.asArg()));
        driver.perform(List.of(tap));
    }

    @Override
    public void keys(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
    }

    @Override
    protected void quit() {
        try {
            driver.quit();
        } finally {
            if (process != null) {
                process.close();
            }
        }
    }
}
