package dev.carecall.backend.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.carecall.backend.CareCallException;
import dev.carecall.protocol.ErrorCode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Slows password guessing without letting a stranger lock a doctor out. Wrong passwords are counted under three keys:
 * the client address, the account, and the pair of both. Each key has a number of free failures; past those every
 * further failure makes the next attempt under that key wait longer (1 s, 2 s, 4 s, … up to a cap), answered with
 * {@code RATE_LIMITED} and the wait. There is no hard lock: a wait always ends.
 * <p>
 * The account's own count (what a stranger anywhere can raise) is not applied to an address from which this account
 * has signed in successfully before: a doctor at their usual desk still gets in while someone elsewhere guesses.
 * Only the pair key (that desk's own mistakes) and the address key apply there.
 * <p>
 * The counts and known addresses are kept in a {@link Counts}: alone, {@link #inMemory} (Caffeine caches bounded in
 * size and expiring: counts a while after their last failure, known addresses after {@link #KNOWN_ADDRESS_MEMORY};
 * a restart forgets them, which is acceptable for a brake); with several instances, in Redis
 * ({@code dev.carecall.backend.cluster.RedisThrottleCounts}), so a guesser spread over the instances is counted once.
 * User names are {@linkplain #normalise normalised} (trimmed, lower case) as for the lookup.
 */
public final class LoginThrottle {
    /** Free failures of one account from addresses it never signed in from. */
    static final int ACCOUNT_FREE = 5;
    /** Free failures of one account from one address. */
    static final int PAIR_FREE = 5;
    /** Free failures from one address over all accounts (a shared clinic address makes honest mistakes too). */
    static final int ADDRESS_FREE = 20;
    /** The account's wait stays short: a doctor on a new address is slowed by a stranger, never shut out. */
    static final Duration ACCOUNT_MAX_WAIT = Duration.ofMinutes(1);
    /** The guesser's own waits (its address, its pairs) may grow longer. */
    static final Duration MAX_WAIT = Duration.ofMinutes(15);
    /** A count is forgotten this long after its last failure. */
    public static final Duration FORGET_AFTER = Duration.ofMinutes(30);
    public static final Duration KNOWN_ADDRESS_MEMORY = Duration.ofDays(90);
    /** Bound on the entries of each cache: a flood of invented names or addresses evicts, never grows the heap. */
    static final long MAX_ENTRIES = 50_000;

    private final Clock clock;
    private final Counts counts;

    /** Failures under one key: how many, and when the last one was. */
    public record Failures(int count, Instant last) {
    }

    /**
     * Where the failures and the known addresses are kept. Keys are short texts ({@code a:}, {@code u:}, {@code p:}
     * and the address or name). A count is forgotten {@link #FORGET_AFTER} after its last failure, a known address
     * after {@link #KNOWN_ADDRESS_MEMORY}.
     */
    public interface Counts {
        /** The failures under the key, or null if there are none (or they were forgotten). */
        Failures failures(String key);

        /** Counts one more failure under the key, at {@code at}. */
        void failed(String key, Instant at);

        void forget(String key);

        boolean known(String pair);

        void remember(String pair);

        /** Entries held now, for tests. */
        long size();
    }

    /** A throttle of this process alone. */
    public LoginThrottle(Clock clock) {
        this(clock, inMemory(clock));
    }

    public LoginThrottle(Clock clock, Counts counts) {
        this.clock = clock;
        this.counts = counts;
    }

    /** Counts in this process's memory: Caffeine caches, bounded and expiring on the clock's time. */
    public static Counts inMemory(Clock clock) {
        Ticker ticker = () -> {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
        Cache<String, Failures> failures = Caffeine.newBuilder().ticker(ticker).maximumSize(MAX_ENTRIES)
                .expireAfterWrite(FORGET_AFTER).build();
        Cache<String, Boolean> knownAddresses = Caffeine.newBuilder().ticker(ticker).maximumSize(MAX_ENTRIES)
                .expireAfterWrite(KNOWN_ADDRESS_MEMORY).build();
        return new Counts() {
            @Override
            public Failures failures(String key) {
                return failures.getIfPresent(key);
            }

            @Override
            public void failed(String key, Instant at) {
                failures.asMap().compute(key, (k, old) -> new Failures(old == null ? 1 : old.count() + 1, at));
            }

            @Override
            public void forget(String key) {
                failures.invalidate(key);
            }

            @Override
            public boolean known(String pair) {
                return knownAddresses.getIfPresent(pair) != null;
            }

            @Override
            public void remember(String pair) {
                knownAddresses.put(pair, Boolean.TRUE);
            }

            @Override
            public long size() {
                failures.cleanUp();
                knownAddresses.cleanUp();
                return failures.estimatedSize() + knownAddresses.estimatedSize();
            }
        };
    }

    /** The user name as it is looked up and counted: surrounding spaces and case do not make another name. */
    public static String normalise(String username) {
        return username.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * Refuses the attempt (RATE_LIMITED) while a key it falls under has to wait; the name is normalised, and null
     * (no usable name) checks the address only.
     */
    void check(String username, String address) {
        Instant now = clock.instant();
        Instant until = waitOf(addressKey(address), ADDRESS_FREE, MAX_WAIT, now);
        if (username != null) {
            until = later(until, waitOf(pairKey(username, address), PAIR_FREE, MAX_WAIT, now));
            if (!known(username, address)) {
                until = later(until, waitOf(accountKey(username), ACCOUNT_FREE, ACCOUNT_MAX_WAIT, now));
            }
        }
        if (until != null) {
            long seconds = Math.max(1, (Duration.between(now, until).toMillis() + 999) / 1000);
            throw new CareCallException(ErrorCode.RATE_LIMITED, "Too many wrong sign-ins. Wait " + inWords(seconds)
                    + " and try again, or ask IT to reset your password.");
        }
    }

    /** Counts a failure from this address; a name that is null (unusable) counts for the address only. */
    void failed(String username, String address) {
        Instant now = clock.instant();
        counts.failed(addressKey(address), now);
        if (username != null) {
            counts.failed(pairKey(username, address), now);
            counts.failed(accountKey(username), now);
        }
    }

    /** Remembers the address as this account's and forgets its mistakes from there. */
    void succeeded(String username, String address) {
        counts.remember(pairKey(username, address));
        counts.forget(pairKey(username, address));
        counts.forget(accountKey(username));
    }

    /** Entries held now, for tests: bounded whatever arrives. */
    long size() {
        return counts.size();
    }

    private boolean known(String username, String address) {
        return username != null && counts.known(pairKey(username, address));
    }

    /**
     * Until when the key has to wait, or null: from its {@code free}-th failure on, each failure makes the next
     * attempt wait twice as long as the one before (1 s, 2 s, 4 s, …), up to {@code cap}.
     */
    private Instant waitOf(String key, int free, Duration cap, Instant now) {
        Failures f = counts.failures(key);
        if (f == null || f.count() < free) {
            return null;
        }
        Duration wait = Duration.ofSeconds(1L << Math.min(f.count() - free, 20));
        Instant next = f.last().plus(wait.compareTo(cap) > 0 ? cap : wait);
        return next.isAfter(now) ? next : null;
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    private static String inWords(long seconds) {
        if (seconds < 60) {
            return seconds + " second" + (seconds == 1 ? "" : "s");
        }
        long minutes = (seconds + 59) / 60;
        return minutes + " minute" + (minutes == 1 ? "" : "s");
    }

    private static String addressKey(String address) {
        return "a:" + address;
    }

    private static String accountKey(String username) {
        return "u:" + normalise(username);
    }

    private static String pairKey(String username, String address) {
        return "p:" + normalise(username) + "@" + address;
    }
}
