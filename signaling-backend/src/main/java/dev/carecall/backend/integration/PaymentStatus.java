package dev.carecall.backend.integration;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Where an appointment's payment stands; only {@link #PAID} lets a new call start. */
public enum PaymentStatus {
    UNPAID, PAID, REFUNDED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<PaymentStatus> fromWire(String value) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(value)).findFirst();
    }
}
