package dev.carecall.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * Where an appointment's call stands. On the wire in lower case.
 *
 * <ul>
 *     <li>{@code inactive}: nobody has started a call yet.</li>
 *     <li>{@code waiting}: one party started the call and waits for the other to join.</li>
 *     <li>{@code active}: both are in the call.</li>
 *     <li>{@code ended}: the last call ended; it may be started again as a new session.</li>
 * </ul>
 */
public enum CallStatus implements WireEnum {
    INACTIVE,
    WAITING,
    ACTIVE,
    ENDED;

    /** True while a call runs or waits for its second party. */
    public boolean isLive() {
        return this == WAITING || this == ACTIVE;
    }

    /** Parses a wire name; rejects anything else with {@link ErrorCode#INVALID_FIELD}. */
    @JsonCreator
    public static CallStatus fromWire(String value) {
        return WireEnums.parse(CallStatus.class, value, "callStatus");
    }
}
