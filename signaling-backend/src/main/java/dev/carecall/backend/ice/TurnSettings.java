package dev.carecall.backend.ice;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A TURN server that takes time-limited credentials (coturn's {@code use-auth-secret} with
 * {@code static-auth-secret}, the "TURN REST API" scheme).
 *
 * @param urls   {@code turn:} and {@code turns:} URLs of that server (UDP, TCP, TLS)
 * @param secret coturn's {@code static-auth-secret}; never logged, never sent
 * @param ttl    how long a minted credential works: long enough for a long consultation
 */
public record TurnSettings(List<String> urls, String secret, Duration ttl) {
    /** Four hours: longer than any consultation, so a call never loses its relay midway. */
    public static final Duration DEFAULT_TTL = Duration.ofHours(4);

    public TurnSettings {
        urls = List.copyOf(urls);
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("carecall.turn.urls names no TURN server");
        }
        for (String url : urls) {
            if (!url.startsWith("turn:") && !url.startsWith("turns:")) {
                throw new IllegalArgumentException("carecall.turn.urls: '" + url + "' is not a turn: or turns: URL");
            }
        }
        Objects.requireNonNull(secret, "secret");
        if (secret.isBlank()) {
            throw new IllegalArgumentException("carecall.turn.secret is empty");
        }
        if (ttl == null || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("carecall.turn.ttl must be positive, e.g. PT4H");
        }
    }

    /** Without the secret: this record may end up in a log line. */
    @Override
    public String toString() {
        return "TurnSettings[urls=" + urls + ", secret=(hidden), ttl=" + ttl + "]";
    }
}
