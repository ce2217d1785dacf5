package dev.carecall.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * What a client's peer connection did to the media ({@code mediaConnection.state}): it broke off (ICE disconnected
 * or failed) or came back. The server keeps it in the call's log, so a call's history shows each interruption and
 * its recovery.
 */
public enum MediaConnection implements WireEnum {
    /** The media stopped (ICE disconnected or failed); this side shows "reconnecting" and restarts ICE. */
    INTERRUPTED("interrupted"),
    /** The media flows again after an interruption. */
    RESTORED("restored");

    private final String wireName;

    MediaConnection(String wireName) {
        this.wireName = wireName;
    }

    /** The wire name. */
    @Override
    public String wireName() {
        return wireName;
    }

    /** The call log's entry for this change. */
    public CallEvent event() {
        return switch (this) {
            case INTERRUPTED -> CallEvent.MEDIA_INTERRUPTED;
            case RESTORED -> CallEvent.MEDIA_RESTORED;
        };
    }

    /** Parses a wire name; rejects anything else with {@link ErrorCode#INVALID_FIELD}. */
    @JsonCreator
    public static MediaConnection fromWire(String value) {
        return WireEnums.parse(MediaConnection.class, value, "state");
    }
}
