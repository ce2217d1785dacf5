package dev.carecall.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * Why a call ended, as {@code callEnded.reason} carries it. On the wire in lower case with underscores
 * ({@code hangup}, {@code server_restart}, ...). The list is closed for a protocol version: a client rejects a reason
 * it does not know, so a new one comes with a new {@link Protocol#VERSION}.
 */
public enum CallEndReason implements WireEnum {
    /** A party pressed End (over the socket or {@code POST .../end-call}); {@code endedBy} says who. */
    HANGUP,
    /** The server restarted during the call and the parties did not come back within the grace period. */
    SERVER_RESTART,
    /** Both parties left a waiting or running call and stayed away longer than the grace period. */
    ABANDONED,
    /** The other party's connection was lost and did not come back. */
    PEER_LOST,
    /** The doctor declined the waiting patient. */
    DECLINED,
    /** The appointment was cancelled, so its call ended. */
    CANCELLED;

    /** Parses a wire name; rejects anything else with {@link ErrorCode#INVALID_FIELD}. */
    @JsonCreator
    public static CallEndReason fromWire(String value) {
        return WireEnums.parse(CallEndReason.class, value, "reason");
    }
}
