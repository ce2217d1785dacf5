package dev.carecall.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A message a client (the desktop console or the patient page) sends to the server over the appointment's
 * WebSocket. Every message may carry a {@code requestId}; an {@code error} caused by that message echoes it.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ClientMessage.Register.class, name = "register"),
        @JsonSubTypes.Type(value = ClientMessage.StartCall.class, name = "startCall"),
        @JsonSubTypes.Type(value = ClientMessage.JoinCall.class, name = "joinCall"),
        @JsonSubTypes.Type(value = ClientMessage.Signal.class, name = "signal"),
        @JsonSubTypes.Type(value = ClientMessage.EndCall.class, name = "endCall"),
        @JsonSubTypes.Type(value = ClientMessage.MediaState.class, name = "mediaState"),
        @JsonSubTypes.Type(value = ClientMessage.ScreenShare.class, name = "screenShare"),
        @JsonSubTypes.Type(value = ClientMessage.Chat.class, name = "chat"),
        @JsonSubTypes.Type(value = ClientMessage.Ping.class, name = "ping")
})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface ClientMessage {

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
    record StartCall(String requestId) implements ClientMessage {
        public StartCall {
            Fields.optionalRequestId(requestId);
        }

        public StartCall() {
            this(null);
        }
    }

    /** Join the call the other party started. */
    record JoinCall(String requestId) implements ClientMessage {
        public JoinCall {
            Fields.optionalRequestId(requestId);
        }

        public JoinCall() {
            this(null);
        }
    }

    /**
     * A WebRTC payload for the other party, forwarded unchanged: {@code {"type":"offer"|"answer","sdp":...}} or
     * {@code {"candidate":...,"sdpMid":...,"sdpMLineIndex":...}}.
     *
     * @param signal    the payload
     * @param requestId optional request id
     */
    record Signal(JsonNode signal, String requestId) implements ClientMessage {
        public Signal {
            Fields.requireSignal(signal);
            Fields.optionalRequestId(requestId);
        }

        public Signal(JsonNode signal) {
            this(signal, null);
        }
    }

    /** End the call for both parties. */
    record EndCall(String requestId) implements ClientMessage {
        public EndCall {
            Fields.optionalRequestId(requestId);
        }

        public EndCall() {
            this(null);
        }
    }

    /**
     * My microphone and camera are on or off (seed 002's toggle-audio / toggle-video), relayed to the other party.
     *
     * @param audio     true while the microphone sends
     * @param video     true while the camera sends
     * @param requestId optional request id
     */
    record MediaState(Boolean audio, Boolean video, String requestId) implements ClientMessage {
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
     * I started or stopped sharing my screen (seed 002's screen-share-start / -stop).
     *
     * @param active    true while sharing
     * @param requestId optional request id
     */
    record ScreenShare(Boolean active, String requestId) implements ClientMessage {
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
    record Chat(String text, String requestId) implements ClientMessage {
        public Chat {
            Fields.requireText(text, "text", Protocol.MAX_CHAT_LENGTH);
            Fields.optionalRequestId(requestId);
        }

        public Chat(String text) {
            this(text, null);
        }
    }

    /** Liveness check; the server answers {@code pong} with the same request id. */
    record Ping(String requestId) implements ClientMessage {
        public Ping {
            Fields.optionalRequestId(requestId);
        }
    }
}
