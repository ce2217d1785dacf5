package dev.carecall.backend.room;

import dev.carecall.backend.CareCallException;
import dev.carecall.backend.observe.CallMetrics;
import dev.carecall.protocol.ClientMessage;
import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.RoomRequest;

/** What one room socket may still send: a token bucket per kind of message ({@link RelaySettings}). */
final class Allowance {
    private final TokenBucket signals;
    private final TokenBucket chat;
    private final TokenBucket mediaState;
    private final TokenBucket callActions;
    private final CallMetrics metrics;

    Allowance(RelaySettings settings, CallMetrics metrics) {
        this.metrics = metrics;
        this.signals = new TokenBucket(settings.signals());
        this.chat = new TokenBucket(settings.chat());
        this.mediaState = new TokenBucket(settings.mediaState());
        this.callActions = new TokenBucket(settings.callActions());
    }

    /** Spends the request's token, or refuses it with {@code RATE_LIMITED} (the socket stays open). */
    void spend(RoomRequest request) {
        TokenBucket bucket = switch (request) {
            case ClientMessage.Signal s -> signals;
            case ClientMessage.Chat c -> chat;
            case ClientMessage.MediaState m -> mediaState;
            case ClientMessage.ScreenShare s -> mediaState;
            case ClientMessage.MediaConnectionChanged m -> mediaState; // each is stored at once: bounded like the toggles
            case ClientMessage.ReadinessReport r -> mediaState; // stored at once: bounded like the toggles
            case ClientMessage.Quality q -> mediaState; // one a second from a well-behaved client
            case ClientMessage.StartCall s -> callActions;
            case ClientMessage.JoinCall j -> callActions;
            case ClientMessage.EndCall e -> callActions;
        };
        take(bucket);
    }

    /** {@link #spend} for a signal read by its envelope only. */
    void spendSignal() {
        take(signals);
    }

    private void take(TokenBucket bucket) {
        if (!bucket.take()) {
            metrics.rateLimited();
            throw new CareCallException(ErrorCode.RATE_LIMITED,
                    "Too many messages in a short time; this one was dropped. Wait a moment before sending more.");
        }
    }
}
