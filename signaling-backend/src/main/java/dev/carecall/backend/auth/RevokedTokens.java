package dev.carecall.backend.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.carecall.backend.storage.CareCallStore;
import dev.carecall.backend.storage.RevokedToken;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/**
 * The deny-list of signed-out doctor tokens: stored in the database (so it survives a restart and reaches other
 * instances) and held in memory, so checking a token costs no database round trip. Each entry lives until its token
 * would have expired anyway, in memory as in the table. Other instances' sign-outs arrive with {@link #refresh()},
 * which the backend runs every {@code carecall.auth.revocation.refresh}; that also deletes expired rows.
 */
public final class RevokedTokens implements Predicate<String> {
    private static final System.Logger LOG = System.getLogger(RevokedTokens.class.getName());
    /** Rows are read again from a little before the last read, so a row committed late by another instance is kept. */
    private static final Duration OVERLAP = Duration.ofMinutes(1);

    private final CareCallStore store;
    private final Clock clock;
    private final Cache<String, Instant> denied;
    private volatile Instant readUpTo = Instant.EPOCH;

    public RevokedTokens(CareCallStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.denied = Caffeine.newBuilder()
                // The backend's clock, so an entry ends exactly when its token does.
                .ticker(() -> clock.millis() * 1_000_000L)
                .expireAfter(Expiry.<String, Instant>creating((id, expiresAt) ->
                        Duration.between(clock.instant(), expiresAt)))
                .build();
        refresh();
    }

    /** Whether this token id was revoked (and the token has not expired yet). */
    @Override
    public boolean test(String tokenId) {
        return tokenId != null && denied.getIfPresent(tokenId) != null;
    }

    /** Revokes the doctor's sign-in token, here at once and, through the database, everywhere else. */
    public void revoke(Caller.Doctor doctor) {
        if (doctor.tokenId() == null || doctor.expiresAt() == null) {
            throw new IllegalArgumentException("a caller without a token cannot be signed out");
        }
        store.revokeToken(doctor.tokenId(), clock.instant(), doctor.expiresAt());
        denied.put(doctor.tokenId(), doctor.expiresAt());
    }

    /**
     * Another instance's sign-out, heard at once through the room bus (the database row follows with the next
     * {@link #refresh()} anyway, for an instance that missed the message).
     */
    public void deny(String tokenId, Instant expiresAt) {
        denied.put(tokenId, expiresAt);
    }

    /** Reads the ids other instances revoked since the last read and deletes the rows of expired tokens. */
    public void refresh() {
        Instant now = clock.instant();
        for (RevokedToken row : store.revokedTokensSince(readUpTo.minus(OVERLAP), now)) {
            denied.put(row.tokenId(), row.expiresAt());
        }
        readUpTo = now;
        long deleted = store.deleteExpiredRevocations(now);
        if (deleted > 0) {
            LOG.log(Level.DEBUG, "deleted " + deleted + " expired token revocations");
        }
    }

    /** How many revoked, unexpired token ids this instance holds in memory. */
    public long size() {
        denied.cleanUp();
        return denied.estimatedSize();
    }
}
