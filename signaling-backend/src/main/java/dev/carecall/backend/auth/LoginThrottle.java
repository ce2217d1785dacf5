package dev.carecall.backend.auth;

import dev.carecall.backend.CareCallException;
import dev.carecall.protocol.ErrorCode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing: after {@link #MAX_FAILURES} wrong passwords for one user name within {@link #WINDOW},
 * that name is refused (RATE_LIMITED) until the oldest failure leaves the window. Kept in memory: a restart resets
 * it, which is acceptable for a brake, not a lock.
 */
public final class LoginThrottle {
    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(5);

    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public LoginThrottle(Clock clock) {
        this.clock = clock;
    }

    /** Refuses the attempt if this user name failed too often lately. */
    void check(String username) {
        Deque<Instant> recent = failures.get(key(username));
        if (recent == null) {
            return;
        }
        synchronized (recent) {
            prune(recent);
            if (recent.size() >= MAX_FAILURES) {
                long seconds = Duration.between(clock.instant(), recent.peekFirst().plus(WINDOW)).toSeconds();
                long minutes = Math.max(1, (seconds + 59) / 60);
                throw new CareCallException(ErrorCode.RATE_LIMITED, "Too many wrong passwords. Wait " + minutes
                        + " minute" + (minutes == 1 ? "" : "s") + " and try again, or ask IT to reset your password.");
            }
        }
    }

    void failed(String username) {
        Deque<Instant> recent = failures.computeIfAbsent(key(username), k -> new ArrayDeque<>());
        synchronized (recent) {
            prune(recent);
            recent.addLast(clock.instant());
        }
    }

    void succeeded(String username) {
        failures.remove(key(username));
    }

    private void prune(Deque<Instant> recent) {
        Instant cutoff = clock.instant().minus(WINDOW);
        while (!recent.isEmpty() && !recent.peekFirst().isAfter(cutoff)) {
            recent.removeFirst();
        }
    }

    private static String key(String username) {
        return username.strip().toLowerCase(Locale.ROOT);
    }
}
