package dev.carecall.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;

/**
 * The client-to-server envelope: every message a client (the desktop console or the patient page) sends over a
 * WebSocket. {@link Register} and {@link Ping} are valid on every socket; the {@link RoomRequest}s only on an
 * appointment's room socket. Every message may carry a {@code requestId}; an {@code error} caused by that message
 * echoes it.
 *
 * <p>A record's {@code type} on the wire is its name with a small first letter ({@code StartCall} is
 * {@code startCall}) unless a {@code @JsonTypeName} says otherwise. The codec finds every record through the sealed
 * {@code permits}: a new message is a new record here and in its family's {@code permits}, with no list to extend in
 * the codec.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface ClientMessage permits ClientMessage.Register, ClientMessage.Ping, RoomRequest {

    /** Optional id the client chose for this message; echoed in an {@code error} it causes. */
    String requestId();

    /**
     * First message on every socket: who I am. The server answers {@code registered}, or {@code error} and closes.
     *
     * @param token           a doctor's sign-in token or the patient link's token
     * @param protocolVersion the client's {@link Protocol#VERSION}; absent means 1
     * @param requestId       optional request id
     */
    record Register(String token, Integer protocolVersion, String requestId) implements ClientMessage {
        public Register {
            Fields.requireText(token, "token", Protocol.MAX_TOKEN_LENGTH);
            if (protocolVersion != null && protocolVersion < 1) {
                throw new ProtocolException(ErrorCode.INVALID_FIELD, "field 'protocolVersion' must be 1 or more");
            }
            Fields.optionalRequestId(requestId);
        }

        /** A register for this protocol version without request id. */
        public Register(String token) {
            this(token, Protocol.VERSION, null);
        }
    }

    /** Start the appointment's call (or, if the other party already started it, join it). */
    record StartCall(String requestId) implements RoomRequest {
        public StartCall {
            Fields.optionalRequestId(requestId);
        }

        public StartCall() {
            this(null);
        }
    }

    /** Join the call the other party started. */
    record JoinCall(String requestId) implements RoomRequest {
        public JoinCall {
            Fields.optionalRequestId(requestId);
        }

        public JoinCall() {
            this(null);
        }
    }

    /**
     * A WebRTC payload for the other party, who receives it unchanged, field for field.
     *
     * @param signal    the payload: a session description, an ICE candidate or the end of candidates
     * @param requestId optional request id
     */
    record Signal(SignalPayload signal, String requestId) implements RoomRequest {
        public Signal {
            Fields.require(signal, "signal");
            Fields.optionalRequestId(requestId);
        }

        public Signal(SignalPayload signal) {
            this(signal, null);
        }
    }

    /** End the call for both parties. */
    record EndCall(String requestId) implements RoomRequest {
        public EndCall {
            Fields.optionalRequestId(requestId);
        }

        public EndCall() {
            this(null);
        }
    }

    /**
     * My microphone and camera are on or off, relayed to the other party so it can show why it hears or sees nothing.
     *
     * @param audio     true while the microphone sends
     * @param video     true while the camera sends
     * @param requestId optional request id
     */
    record MediaState(Boolean audio, Boolean video, String requestId) implements RoomRequest {
        public MediaState {
            Fields.require(audio, "audio");
            Fields.require(video, "video");
            Fields.optionalRequestId(requestId);
        }

        public MediaState(boolean audio, boolean video) {
            this(Boolean.valueOf(audio), Boolean.valueOf(video), null);
        }
    }

    /**
     * I started or stopped sharing my screen, relayed to the other party.
     *
     * @param active    true while sharing
     * @param requestId optional request id
     */
    record ScreenShare(Boolean active, String requestId) implements RoomRequest {
        public ScreenShare {
            Fields.require(active, "active");
            Fields.optionalRequestId(requestId);
        }

        public ScreenShare(boolean active) {
            this(Boolean.valueOf(active), null);
        }
    }

    /**
     * A chat line for the other party; not blank, at most {@link Protocol#MAX_CHAT_LENGTH} characters.
     *
     * @param text      the line
     * @param requestId optional request id
     */
    record Chat(String text, String requestId) implements RoomRequest {
        public Chat {
            Fields.requireText(text, "text", Protocol.MAX_CHAT_LENGTH);
            Fields.optionalRequestId(requestId);
        }

        public Chat(String text) {
            this(text, null);
        }
    }

    /**
     * My media to the other party stopped or came back (my peer connection's state), for the call's log; nothing is
     * relayed, the other side sees its own connection.
     *
     * @param state     interrupted or restored
     * @param requestId optional request id
     */
    @JsonTypeName("mediaConnection")
    record MediaConnectionChanged(MediaConnection state, String requestId) implements RoomRequest {
        public MediaConnectionChanged {
            Fields.require(state, "state");
            Fields.optionalRequestId(requestId);
        }

        public MediaConnectionChanged(MediaConnection state) {
            this(state, null);
        }
    }

    /**
     * How the call's media go on my side, about once a second during a call: relayed to the other party (so each can
     * tell whose side a problem is on) and summed up per call session for its history.
     *
     * @param report    my figures and my own judgement
     * @param requestId optional request id
     */
    record Quality(QualityReport report, String requestId) implements RoomRequest {
        public Quality {
            Fields.require(report, "report");
            Fields.optionalRequestId(requestId);
        }

        public Quality(QualityReport report) {
            this(report, null);
        }
    }

    /** Liveness check; the server answers {@code pong} with the same request id. */
    record Ping(String requestId) implements ClientMessage {
        public Ping {
            Fields.optionalRequestId(requestId);
        }
    }

    /**
     * The patient's pre-call check, for the doctor to see before admitting them. Sent by the patient's page when the
     * check settles and again when it changes; kept with the appointment and passed to the doctor's lobby.
     *
     * @param readiness what the check found
     * @param requestId optional request id
     */
    @JsonTypeName("readiness")
    record ReadinessReport(Readiness readiness, String requestId) implements RoomRequest {
        public ReadinessReport {
            Fields.require(readiness, "readiness");
            Fields.optionalRequestId(requestId);
        }

        public ReadinessReport(Readiness readiness) {
            this(readiness, null);
        }
    }
}
