package dev.carecall.backend.room;

/**
 * One socket's allowance of one kind of message. Not thread-safe: a socket's messages arrive on its own thread,
 * one after another, so it needs no lock.
 */
final class TokenBucket {
    private final double burst;
    private final double perNano;
    private double tokens;
    private long refilledAt;

    TokenBucket(RelaySettings.Rate rate) {
        this.burst = rate.burst();
        this.perNano = rate.perSecond() / 1e9;
        this.tokens = burst;
        this.refilledAt = System.nanoTime();
    }

    /** Takes one message's token; false when the bucket is empty (the message is refused). */
    boolean take() {
        long now = System.nanoTime();
        tokens = Math.min(burst, tokens + (now - refilledAt) * perNano);
        refilledAt = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
