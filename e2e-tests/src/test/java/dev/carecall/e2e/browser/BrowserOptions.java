package dev.carecall.e2e.browser;

import org.openqa.selenium.Dimension;

/**
 * How to start a patient's browser.
 *
 * @param size      the viewport
 * @param media     what camera and microphone the browser has
 * @param language  the browser's language (e.g. "de-DE"), or null for English
 * @param timeZone  the browser's time zone (e.g. "Europe/Berlin"), or null for the machine's
 * @param touch     a phone: touch input and a coarse pointer
 * @param namespace a network namespace to run the browser in, or null for this machine's network
 * @param trustedSpki a test CA's key hash (base64 SHA-256 of its SubjectPublicKeyInfo) that Chromium trusts for
 *                    this run only, never a blanket ignore of certificate errors; or null
 */
public record BrowserOptions(Dimension size, Media media, String language, String timeZone, boolean touch,
                             NetworkNamespace namespace, String trustedSpki) {

    public BrowserOptions(Dimension size, Media media, String language, String timeZone, boolean touch,
                          NetworkNamespace namespace) {
        this(size, media, language, timeZone, touch, namespace, null);
    }

    /** A phone in portrait (iPhone 12 to 15 size). */
    public static final Dimension PHONE = new Dimension(390, 844);
    /** A small Android phone. */
    public static final Dimension SMALL_PHONE = new Dimension(360, 640);
    public static final Dimension DESKTOP = new Dimension(1366, 768);

    /** What the browser's camera and microphone do. */
    public enum Media {
        /** The browser's fake camera and microphone, permission granted. */
        FAKE_DEVICES,
        /** Two fake cameras (a phone's front and back), where the browser can fake two. */
        TWO_CAMERAS,
        /** Permission granted, but no devices (this machine has no camera or sound card). */
        NO_DEVICES,
        /** The patient refused the permission prompt. */
        DENIED
    }

    public static BrowserOptions desktop() {
        return new BrowserOptions(DESKTOP, Media.FAKE_DEVICES, null, null, false, null);
    }

    public static BrowserOptions phone() {
        return new BrowserOptions(PHONE, Media.FAKE_DEVICES, null, null, true, null);
    }

    public BrowserOptions withMedia(Media m) {
        return new BrowserOptions(size, m, language, timeZone, touch, namespace, trustedSpki);
    }

    public BrowserOptions withLanguage(String lang, String zone) {
        return new BrowserOptions(size, media, lang, zone, touch, namespace, trustedSpki);
    }

    public BrowserOptions inNamespace(NetworkNamespace ns) {
        return new BrowserOptions(size, media, language, timeZone, touch, ns, trustedSpki);
    }

    /** Trusts certificates of the CA with this SPKI hash (Chromium only: the topology tests' own CA). */
    public BrowserOptions trusting(String spkiHash) {
        return new BrowserOptions(size, media, language, timeZone, touch, namespace, spkiHash);
    }
}
