package dev.carecall.backend.outbox;

import io.helidon.config.Config;

import java.time.Duration;
import java.util.Objects;

/**
 * How the outbox worker runs.
 *
 * @param pollInterval how often it looks for due deliveries
 * @param firstRetry   the wait after the first failure; it doubles with each further failure
 * @param maxRetry     the longest wait between two attempts
 * @param maxAttempts  after this many failed attempts a delivery is given up (status {@code failed})
 */
public record OutboxSettings(Duration pollInterval, Duration firstRetry, Duration maxRetry, int maxAttempts) {
    /** Production: first retry after 10 s, then 20 s, 40 s ... at most an hour apart, about a day in all. */
    public static final OutboxSettings DEFAULTS = new OutboxSettings(Duration.ofSeconds(1), Duration.ofSeconds(10),
            Duration.ofHours(1), 30);
    /** Tests: the same shape, fast. */
    public static final OutboxSettings FOR_TESTS = new OutboxSettings(Duration.ofMillis(100), Duration.ofMillis(200),
            Duration.ofSeconds(2), 8);

    public OutboxSettings {
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(firstRetry, "firstRetry");
        Objects.requireNonNull(maxRetry, "maxRetry");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** {@code carecall.outbox.{poll-interval, first-retry, max-retry, max-attempts}}; absent keys keep the defaults. */
    public static OutboxSettings fromConfig(Config c) {
        return new OutboxSettings(
                c.get("poll-interval").as(Duration.class).orElse(DEFAULTS.pollInterval),
                c.get("first-retry").as(Duration.class).orElse(DEFAULTS.firstRetry),
                c.get("max-retry").as(Duration.class).orElse(DEFAULTS.maxRetry),
                c.get("max-attempts").asInt().orElse(DEFAULTS.maxAttempts));
    }

    /** The wait after the given number of failed attempts (1 = the first failure). */
    Duration backoff(int failures) {
        Duration wait = firstRetry;
        for (int i = 1; i < failures && wait.compareTo(maxRetry) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxRetry) > 0 ? maxRetry : wait;
    }
}
