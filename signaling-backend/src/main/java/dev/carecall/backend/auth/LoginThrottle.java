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
 * Every structure is a Caffeine cache bounded in size and expiring: counts a while after their last failure, known
 * addresses after {@link #KNOWN_ADDRESS_MEMORY}. Kept in memory, so a restart forgets them, which is acceptable for
 * a brake. User names are {@linkplain #normalise normalised} (trimmed, lower case) as for the lookup.
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
    static final Duration FORGET_AFTER = Duration.ofMinutes(30);
    static final Duration KNOWN_ADDRESS_MEMORY = Duration.ofDays(90);
    /** Bound on the entries of each cache: a flood of invented names or addresses evicts, never grows the heap. */
    static final long MAX_ENTRIES = 50_000;

    private final Clock clock;
    private final Cache<String, Failures> failures;
    private final Cache<String, Boolean> knownAddresses;

    /** Failures under one key, and when the next attempt under it is allowed. */
    private record Failures(int count, Instant nextAllowed) {
    }

    public LoginThrottle(Clock clock) {
        this.clock = clock;
        Ticker ticker = () -> {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
        this.failures = Caffeine.newBuilder().ticker(ticker).maximumSize(MAX_ENTRIES)
                .expireAfterWrite(FORGET_AFTER).build();
        this.knownAddresses = Caffeine.newBuilder().ticker(ticker).maximumSize(MAX_ENTRIES)
                .expireAfterWrite(KNOWN_ADDRESS_MEMORY).build();
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
        Instant until = waitOf(addressKey(address), now);
        if (username != null) {
            until = later(until, waitOf(pairKey(username, address), now));
            if (!known(username, address)) {
                until = later(until, waitOf(accountKey(username), now));
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
        count(addressKey(address), ADDRESS_FREE, MAX_WAIT);
        if (username != null) {
            count(pairKey(username, address), PAIR_FREE, MAX_WAIT);
            count(accountKey(username), ACCOUNT_FREE, ACCOUNT_MAX_WAIT);
        }
    }

    /** Remembers the address as this account's and forgets its mistakes from there. */
    void succeeded(String username, String address) {
        knownAddresses.put(pairKey(username, address), Boolean.TRUE);
        failures.invalidate(pairKey(username, address));
        failures.invalidate(accountKey(username));
    }

    /** Entries held now, for tests: bounded whatever arrives. */
    long size() {
        failures.cleanUp();
        knownAddresses.cleanUp();
        return failures.estimatedSize() + knownAddresses.estimatedSize();
    }

    private boolean known(String username, String address) {
        return username != null && knownAddresses.getIfPresent(pairKey(username, address)) != null;
    }

    private Instant waitOf(String key, Instant now) {
        if (key == null) {
            return null;
        }
        Failures f = failures.getIfPresent(key);
        return f != null && f.nextAllowed().isAfter(now) ? f.nextAllowed() : null;
    }

    private void count(String key, int free, Duration cap) {
        Instant now = clock.instant();
        failures.asMap().compute(key, (k, old) -> {
            int count = old == null ? 1 : old.count() + 1;
            Instant next = now;
            if (count >= free) {
                int doublings = Math.min(count - free, 20);
                Duration wait = Duration.ofSeconds(1L << doublings);
                next = now.plus(wait.compareTo(cap) > 0 ? cap : wait);
            }
            return new Failures(count, next);
        });
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
