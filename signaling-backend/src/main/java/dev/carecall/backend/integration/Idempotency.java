package dev.carecall.backend.integration;

import dev.carecall.backend.CareCallException;
import dev.carecall.protocol.ErrorCode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key}: the first request with a key claims it in the database and runs; a retry with the same key
 * gets the first one's stored answer. Concurrent retries (several backends, several threads) race for the claim, so
 * exactly one runs; the others wait here for its answer.
 */
final class Idempotency {
    /** How long a retry waits for the first request's answer before it is told to try again. */
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 25;

    private final IntegrationStore store;
    private final Clock clock;

    Idempotency(IntegrationStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Runs the request once per key.
     *
     * @param requestHash tells a true retry from another request reusing the key
     * @param work        the request; a {@link CareCallException} it throws is an answer too, and kept
     */
    Answer once(ServiceClient client, String key, String requestHash, Supplier<Answer> work) {
        if (key.isBlank() || key.length() > 200) {
            throw new CareCallException(ErrorCode.BAD_REQUEST, "Idempotency-Key must have 1 to 200 characters.");
        }
        if (store.claimIdempotencyKey(client.id(), key, requestHash, clock.instant())) {
            Answer answer;
            try {
                answer = work.get();
            } catch (CareCallException e) {
                answer = IntegrationRoutes.errorAnswer(e);
            } catch (RuntimeException e) {
                // Our failure, not the request's: a retry must be able to run it again.
                store.releaseIdempotencyKey(client.id(), key);
                throw e;
            }
            store.completeIdempotencyKey(client.id(), key, answer);
            return answer;
        }
        return storedAnswer(client, key, requestHash);
    }

    private Answer storedAnswer(ServiceClient client, String key, String requestHash) {
        Instant until = clock.instant().plus(WAIT);
        // Bounded: at most WAIT, one short query per poll.
        while (true) {
            var stored = store.idempotencyAnswer(client.id(), key);
            if (stored.isPresent() && !stored.get().requestHash().equals(requestHash)) {
                throw new CareCallException(ErrorCode.CONFLICT, "This Idempotency-Key was used for a different "
                        + "request. Use a new key for a new request.");
            }
            if (stored.isPresent() && stored.get().answer() != null) {
                return stored.get().answer();
            }
            if (stored.isEmpty() || clock.instant().isAfter(until)) {
                // Gone: the first request failed on our side and released the key; or it is still running.
                throw new CareCallException(ErrorCode.CONFLICT, "A request with this Idempotency-Key is still "
                        + "running or failed. Send it again in a moment with the same key.");
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CareCallException(ErrorCode.INTERNAL_ERROR, "interrupted while waiting", e);
            }
        }
    }
}
