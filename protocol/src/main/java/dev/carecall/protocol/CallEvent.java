package dev.carecall.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * One kind of entry in a call session's signaling log ({@code CallEventView.event}): what passed, never its content
 * (no SDP, no candidate, no chat text). On the wire in camel case ({@code startCall}, {@code endOfCandidates}, ...).
 * Stored logs are read back through {@link #fromWire}, so a name once written is never renamed.
 */
public enum CallEvent implements WireEnum {
    /** A party started the call: a new session. */
    START_CALL("startCall"),
    /** The second party joined the waiting call. */
    JOIN_CALL("joinCall"),
    /** A party joined the running call again (after a reload or a dropped connection): both renegotiate. */
    REJOIN_CALL("rejoinCall"),
    /** A party ended the call. */
    END_CALL("endCall"),
    /** A party's socket registered while the call waited or ran. */
    CONNECTED("connected"),
    /** A party registered again from a new socket that replaced its older one. */
    RECONNECTED("reconnected"),
    /** A party's socket closed while the call waited or ran. */
    DISCONNECTED("disconnected"),
    /** A session description of type offer was relayed. */
    OFFER("offer"),
    /** A session description of type answer was relayed. */
    ANSWER("answer"),
    /** A session description of type pranswer was relayed. */
    PRANSWER("pranswer"),
    /** A session description of type rollback was relayed. */
    ROLLBACK("rollback"),
    /** An ICE candidate was relayed. */
    CANDIDATE("candidate"),
    /** The end-of-candidates marker was relayed. */
    END_OF_CANDIDATES("endOfCandidates"),
    /** A party turned its microphone or camera on or off. */
    MEDIA_STATE("mediaState"),
    /** A party started sharing its screen. */
    SCREEN_SHARE_STARTED("screenShareStarted"),
    /** A party stopped sharing its screen. */
    SCREEN_SHARE_STOPPED("screenShareStopped"),
    /** A party wrote a chat line. */
    CHAT("chat"),
    /** A party's media stopped (its peer connection went disconnected or failed): it reconnects. */
    MEDIA_INTERRUPTED("mediaInterrupted"),
    /** A party's media flows again after an interruption (an ICE restart or the network healing). */
    MEDIA_RESTORED("mediaRestored"),
    /**
     * A party's measured call quality at one moment. No longer written: the server keeps each side's quality in its
     * own summary. Logs stored by earlier servers still hold it, so it is read, and {@code call-history} leaves it out.
     */
    QUALITY_SAMPLE("qualitySample");

    private final String wireName;

    CallEvent(String wireName) {
        this.wireName = wireName;
    }

    /** The wire name. */
    @Override
    public String wireName() {
        return wireName;
    }

    /**
     * Whether a person reading the call's history wants this entry on its timeline: who started, joined, came and
     * went, when the media broke off and came back, screen sharing, the end. Negotiation, candidates, chat (the
     * transcript has it), toggles and quality samples (the quality summary has them) are left off.
     */
    public boolean onTimeline() {
        return switch (this) {
            case START_CALL, JOIN_CALL, REJOIN_CALL, END_CALL, CONNECTED, RECONNECTED, DISCONNECTED,
                 SCREEN_SHARE_STARTED, SCREEN_SHARE_STOPPED, MEDIA_INTERRUPTED, MEDIA_RESTORED -> true;
            case OFFER, ANSWER, PRANSWER, ROLLBACK, CANDIDATE, END_OF_CANDIDATES, MEDIA_STATE, CHAT,
                 QUALITY_SAMPLE -> false;
        };
    }

    /** The log entry for a relayed WebRTC payload. */
    public static CallEvent of(SignalPayload signal) {
        return switch (signal) {
            case SignalPayload.SessionDescription description -> switch (description.type()) {
                case OFFER -> OFFER;
                case ANSWER -> ANSWER;
                case PRANSWER -> PRANSWER;
                case ROLLBACK -> ROLLBACK;
            };
            case SignalPayload.IceCandidate candidate -> CANDIDATE;
            case SignalPayload.EndOfCandidates end -> END_OF_CANDIDATES;
        };
    }

    /** Parses a wire name; rejects anything else with {@link ErrorCode#INVALID_FIELD}. */
    @JsonCreator
    public static CallEvent fromWire(String value) {
        return WireEnums.parse(CallEvent.class, value, "event");
    }
}
