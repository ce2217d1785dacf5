package dev.carecall.backend.outbox;

import java.util.Locale;

/** What a delivery is; each kind has one {@link Delivery}. */
public enum OutboxKind {
    /** A signed webhook to a clinic system. */
    WEBHOOK,
    /** An invitation or reminder mail to a patient. */
    EMAIL,
    /** An invitation or reminder SMS to a patient. */
    SMS;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static OutboxKind fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
