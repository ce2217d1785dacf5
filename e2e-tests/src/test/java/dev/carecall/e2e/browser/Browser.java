package dev.carecall.e2e.browser;

/** The browsers every consultation test runs in. */
public enum Browser {
    CHROMIUM,
    FIREFOX;

    /** Starts this browser with a fresh profile. */
    public PatientBrowser launch(BrowserOptions options) {
        PatientBrowser browser = switch (this) {
            case CHROMIUM -> new ChromiumBrowser(options);
            case FIREFOX -> new FirefoxBrowser(options);
        };
        browser.watchContentSecurityPolicy();
        return browser;
    }

    /** Lower-case name for file names: "chromium", "firefox". */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
