package dev.carecall.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;

/** The type of a WebRTC session description, as the browser's {@code RTCSdpType} names it ({@code offer}, ...). */
public enum SdpType implements WireEnum {
    OFFER,
    ANSWER,
    /** A provisional answer; a final {@code answer} follows. */
    PRANSWER,
    /** Undoes the last description that was set; it carries no SDP of its own. */
    ROLLBACK;

    /** Parses a wire name; rejects anything else with {@link ErrorCode#INVALID_FIELD}. */
    @JsonCreator
    public static SdpType fromWire(String value) {
        return WireEnums.parse(SdpType.class, value, "signal.type");
    }
}
