package dev.carecall.e2e.browser;

import org.openqa.selenium.Dimension;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * One patient's browser showing the page: Chromium through Selenium, Firefox through WebDriver BiDi. The tests speak
 * only this API, so every consultation test runs in both. Everything a person does goes through real input events
 * (pointer, touch, keys); what a person sees is read from the page by script.
 */
public abstract class PatientBrowser implements AutoCloseable {
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(30);

    protected final BrowserOptions options;
    private final Path profile;

    protected PatientBrowser(BrowserOptions options, String profilePrefix) {
        this.options = options;
        try {
            profile = Files.createTempDirectory(profilePrefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected Path profile() {
        return profile;
    }

    public abstract Browser kind();

    /** Runs this script at the start of every page from now on, before the page's own scripts. */
    public abstract void beforeEveryPage(String js);

    /**
     * From the next page on, the patient page uses TURN relays only: the page's diagnosis switch (app.js reads
     * {@code carecall.iceTransportPolicy} from local storage), which no patient sets by accident.
     */
    public void forceRelay() {
        beforeEveryPage("localStorage.setItem('carecall.iceTransportPolicy', 'relay');");
    }

    /**
     * From the next page on, every Content-Security-Policy violation the page reports is kept (in the tab's session
     * storage, so a reload keeps them too). {@link Browser#launch} calls it, and {@link #close()} fails the test when
     * the page reported any: the server's policy must fit the page in every browser and every state a test reaches.
     */
    void watchContentSecurityPolicy() {
        beforeEveryPage("""
                document.addEventListener('securitypolicyviolation', (e) => {
                  try {
                    const seen = JSON.parse(sessionStorage.getItem('carecall.test.csp') || '[]');
                    // without the query: a join link's carries the patient's token
                    seen.push(e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline') + ' in '
                        + String(e.sourceFile).split('?')[0] + ':' + e.lineNumber);
                    sessionStorage.setItem('carecall.test.csp', JSON.stringify(seen));
                  } catch (ignored) { /* a page without storage reports nothing */ }
                });""");
    }

    /** The CSP violations the pages of this tab reported so far (empty before any page). */
    public List<String> contentSecurityPolicyViolations() {
        Object seen = script("try { return JSON.parse(sessionStorage.getItem('carecall.test.csp') || '[]'); }"
                + " catch (e) { return []; }");
        return seen instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }

    /** Loads the page at this address and waits until its document is complete. */
    protected abstract void navigate(String url);

    /**
     * Opens the page and waits until it has started (its first view shows). A page whose modules failed to load
     * because the machine's network changed under the browser (other tests add and remove interfaces; Chromium then
     * fails loads with ERR_NETWORK_CHANGED) is loaded once more, as a patient would press reload.
     */
    public void open(String url) {
        navigate(url);
        for (int i = 0; i < 100; i++) {
            if (Boolean.TRUE.equals(script("return !!document.body && !!document.body.dataset.view;"))) {
                return;
            }
            pause();
        }
        System.out.println("[" + kind().id() + "] the page did not start, loading it again; console:\n" + console());
        navigate(url);
    }

    public abstract void reload();

    /** Runs a function body in the page ({@code arguments} holds {@code args}); a returned promise is awaited. */
    public abstract Object script(String body, Object... args);

    /** Sets the viewport to this size, as a phone or a desktop browser would show the page. */
    public abstract void resize(Dimension size);

    /** A PNG of the viewport. */
    public abstract byte[] screenshotPng();

    /** What the page logged (warnings explain failed negotiations). */
    public abstract String console();

    /** A mouse click in the middle of the element. */
    protected abstract void pointerClick(String id);

    /** A finger tap in the middle of the element. */
    protected abstract void touchTap(String id);

    /** Key presses to whatever has focus; special keys as Selenium's {@code Keys}. */
    public abstract void keys(CharSequence... keys);

    protected abstract void quit();

    public Dimension size() {
        Object s = script("return [innerWidth, innerHeight];");
        var list = (java.util.List<?>) s;
        return new Dimension(((Number) list.get(0)).intValue(), ((Number) list.get(1)).intValue());
    }

    /** Waits until the element is visible and usable, then clicks it (taps it on a touch phone). */
    public void click(String id) {
        until(() -> isDisplayed(id) && Boolean.TRUE.equals(script(
                "const e = document.getElementById(arguments[0]); return !e.disabled;", id)) ? true : null,
                () -> "#" + id + " to be clickable");
        script("document.getElementById(arguments[0]).scrollIntoView({block: 'center', inline: 'center'});", id);
        if (options.touch()) {
            touchTap(id);
        } else {
            pointerClick(id);
        }
    }

    /** Clicks into a text field and types. */
    public void type(String id, String text) {
        click(id);
        keys(text);
    }

    public boolean isDisplayed(String id) {
        return Boolean.TRUE.equals(script("""
                const e = document.getElementById(arguments[0]);
                return !!e && e.getClientRects().length > 0 && e.checkVisibility({visibilityProperty: true});""", id));
    }

    /** The element's visible text now, or "" when it is hidden. */
    public String text(String id) {
        return isDisplayed(id) ? String.valueOf(script(
                "return document.getElementById(arguments[0]).innerText.trim();", id)) : "";
    }

    /** Waits until the element is visible with some text, and returns it. */
    public String visibleText(String id) {
        return until(() -> {
            String t = text(id);
            return t.isBlank() ? null : t;
        }, () -> "#" + id + " to show text");
    }

    /** The Start/Join button's label while it can be pressed, else null. */
    public String enabledPrimary() {
        return isDisplayed("primary-action") && Boolean.TRUE.equals(
                script("return !document.getElementById('primary-action').disabled;")) ? text("primary-action") : null;
    }

    /**
     * Waits until the screen reader announcement says exactly this, and checks that it is said through a live region
     * (a screen reader reads a change only there) that is in the page's accessibility tree.
     */
    public void awaitAnnouncement(String expected) {
        until(() -> expected.equals(script("return document.getElementById('announcer').textContent;")),
                () -> "the announcement \"" + expected + "\"");
        Object live = script("""
                const e = document.getElementById('announcer');
                const implied = {status: 'polite', alert: 'assertive'}[e.getAttribute('role')];
                const live = e.getAttribute('aria-live') || implied || 'off';
                return live !== 'off' && !e.hidden && e.getAttribute('aria-hidden') !== 'true'
                  && getComputedStyle(e).display !== 'none' && getComputedStyle(e).visibility !== 'hidden';""");
        if (!Boolean.TRUE.equals(live)) {
            throw new AssertionError("[" + this + "] \"" + expected
                    + "\" is not in a live region a screen reader hears");
        }
    }

    /** Id of the element that has keyboard focus. */
    public String focusedId() {
        return String.valueOf(script("return document.activeElement ? document.activeElement.id : '';"));
    }

    /** The page's test hook: figures from pc.getStats() (see peer.js summariseStats), or null outside a call. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> stats() {
        return (Map<String, Object>) script("return window.carecall.stats();");
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> state() {
        return (Map<String, Object>) script("return window.carecall.state();");
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> readiness() {
        return (Map<String, Object>) script("return window.carecall.readiness();");
    }

    /** Waits for a condition (non-null, non-false result) or fails with the page's state and console. */
    public <T> T until(Supplier<T> condition) {
        return until(condition, () -> "");
    }

    /** As {@link #until(Supplier)}, adding {@code detail} to the failure. */
    public <T> T until(Supplier<T> condition, Supplier<String> detail) {
        Instant deadline = Instant.now().plus(WAIT);
        RuntimeException last = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                T value = condition.get();
                if (value != null && !Boolean.FALSE.equals(value)) {
                    return value;
                }
            } catch (RuntimeException e) {
                last = e; // the page may be between two documents; try again
            }
            pause();
        }
        throw new AssertionError("[" + kind().id() + "] timed out waiting for " + detail.get() + "; page state "
                + safeState() + "; console:\n" + console(), last);
    }

    private static void pause() {
        try {
            Thread.sleep(100); // polling interval of a condition wait, not synchronisation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private Object safeState() {
        try {
            return script("return window.carecall ? window.carecall.state() : 'no hooks';");
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }

    /**
     * Saves a screenshot as target/screenshots/{browser}-{name}-{phone|desktop}.png and returns its path.
     */
    public Path screenshot(String name) {
        String form = size().getWidth() < 700 ? "phone" : "desktop";
        Path file = SCREENSHOTS.resolve(kind().id() + "-" + name + "-" + form + ".png");
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, screenshotPng());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    @Override
    public final void close() {
        List<String> violations = List.of();
        try {
            violations = contentSecurityPolicyViolations();
        } catch (RuntimeException e) {
            // the browser is gone already: nothing to read
        }
        try {
            quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // A leftover temporary profile is harmless.
            }
        }
        if (!violations.isEmpty()) {
            throw new AssertionError("[" + kind().id() + "] the page reported Content-Security-Policy violations: "
                    + violations);
        }
    }

    @Override
    public String toString() {
        return kind().id();
    }
}
