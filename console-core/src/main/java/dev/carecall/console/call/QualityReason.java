package dev.carecall.console.call;

/**
 * The one thing about the call's quality a person can act on, naming whose side it is on: this side's ({@code OWN}),
 * the other party's ({@code OTHER}) or the path between them when neither side's round trip to the server tells.
 * The console says it in its own language; the page has the same reasons (quality.js).
 */
public enum QualityReason {
    NONE, OWN_LOSS, OWN_UPLOAD, OWN_DELAY, OTHER_LOSS, OTHER_UPLOAD, OTHER_DELAY, PATH_LOSS, PATH_DELAY;

    /** The name in the shared cases and the page: {@code own_loss}. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether this reason names a side (this one or the other party's). */
    public boolean namesASide() {
        return this != NONE && this != PATH_LOSS && this != PATH_DELAY;
    }
}
