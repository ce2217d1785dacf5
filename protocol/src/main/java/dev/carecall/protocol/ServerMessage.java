package dev.carecall.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;

import java.time.Instant;
import java.util.List;

/**
 * The server-to-client envelope: every message the server sends. Each socket receives one family of it: an
 * appointment's room socket the {@link RoomMessage}s, the doctor's lobby socket the {@link LobbyMessage}s;
 * {@link Registered}, {@link Pong} and {@link Error} belong to both. A client decodes with its socket's family
 * ({@link ProtocolCodec#decodeServer(String, Class)}) and switches over that family only.
 *
 * <p>A record's {@code type} on the wire is its name with a small first letter ({@code StartCall} is
 * {@code startCall}) unless a {@code @JsonTypeName} says otherwise. The codec finds every record through the sealed
 * {@code permits}: a new message is a new record here and in its family's {@code permits}, with no list to extend in
 * the codec.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface ServerMessage permits RoomMessage, LobbyMessage {

    /**
     * Answer to {@code register}: who you are in this room and where the call stands, so a client that reconnects
     * can resume.
     *
     * @param role            your role
     * @param appointmentId   the room's appointment; null on the doctor's lobby socket
     * @param callStatus      the call's status now; null on the lobby socket
     * @param sessionId       the current or last call session, or null if there never was one
     * @param startedBy       who started the current call, or null
     * @param peerConnected   whether the other party has a socket in this room now
     * @param iceServers      STUN/TURN servers for the peer connection (may be empty: host candidates only)
     * @param protocolVersion the server's {@link Protocol#VERSION}
     * @param requestId       the register's request id, if any
     */
    record Registered(Role role, Long appointmentId, CallStatus callStatus, Long sessionId, Role startedBy,
                      Boolean peerConnected, List<IceServer> iceServers, Integer protocolVersion, String requestId)
            implements RoomMessage, LobbyMessage {
        public Registered {
            Fields.require(role, "role");
            Fields.require(peerConnected, "peerConnected");
            iceServers = iceServers == null ? List.of() : List.copyOf(iceServers);
            Fields.require(protocolVersion, "protocolVersion");
        }
    }

    /**
     * A call is waiting for its second party: the receiver shows "Join Call".
     * Sent to the room when a call starts, and to a party that registers while a call waits or runs.
     *
     * @param appointmentId the appointment
     * @param sessionId     the new call session
     * @param startedBy     who pressed Start
     * @param startedAt     when
     * @param callStatus    {@code waiting} or {@code active}
     */
    record ActiveCall(Long appointmentId, Long sessionId, Role startedBy, Instant startedAt, CallStatus callStatus)
            implements RoomMessage {
        public ActiveCall {
            Fields.require(appointmentId, "appointmentId");
            Fields.require(sessionId, "sessionId");
            Fields.require(startedBy, "startedBy");
            Fields.require(startedAt, "startedAt");
            Fields.require(callStatus, "callStatus");
        }
    }

    /**
     * The second party joined; sent to both parties. The party that started
     * the call now sends the offer.
     *
     * @param sessionId the call session
     * @param joinedBy  who joined
     */
    record JoinerConnected(Long sessionId, Role joinedBy) implements RoomMessage {
        public JoinerConnected {
            Fields.require(sessionId, "sessionId");
            Fields.require(joinedBy, "joinedBy");
        }
    }

    /**
     * A WebRTC payload from the other party, exactly as it sent it, field for field.
     *
     * @param from   the sender's role
     * @param signal the payload: a session description, an ICE candidate or the end of candidates
     */
    record Signal(Role from, SignalPayload signal) implements RoomMessage {
        public Signal {
            Fields.require(from, "from");
            Fields.require(signal, "signal");
        }
    }

    /**
     * The call ended for both parties.
     *
     * @param sessionId the session that ended
     * @param endedBy   who ended it; null when the server ended it
     * @param endedAt   when
     * @param reason    why: {@code hangup} when a party pressed End
     */
    record CallEnded(Long sessionId, Role endedBy, Instant endedAt, CallEndReason reason) implements RoomMessage {
        public CallEnded {
            Fields.require(sessionId, "sessionId");
            Fields.require(endedAt, "endedAt");
            Fields.require(reason, "reason");
        }
    }

    /**
     * The other party's microphone and camera state.
     *
     * @param from  the sender's role
     * @param audio true while their microphone sends
     * @param video true while their camera sends
     */
    record MediaState(Role from, Boolean audio, Boolean video) implements RoomMessage {
        public MediaState {
            Fields.require(from, "from");
            Fields.require(audio, "audio");
            Fields.require(video, "video");
        }
    }

    /**
     * The other party started or stopped sharing its screen.
     *
     * @param from   the sender's role
     * @param active true while sharing
     */
    record ScreenShare(Role from, Boolean active) implements RoomMessage {
        public ScreenShare {
            Fields.require(from, "from");
            Fields.require(active, "active");
        }
    }

    /**
     * A chat line, sent to both parties so each shows it once in order.
     *
     * @param from   who wrote it
     * @param text   the line
     * @param sentAt when the server received it
     */
    record Chat(Role from, String text, Instant sentAt) implements RoomMessage {
        public Chat {
            Fields.require(from, "from");
            Fields.requireText(text, "text", Protocol.MAX_CHAT_LENGTH);
            Fields.require(sentAt, "sentAt");
        }
    }

    /**
     * The other party's socket connected to or left the room (a drop, a reload, a closed tab).
     *
     * @param role      whose presence changed
     * @param connected true when they are connected now
     */
    record PeerPresence(Role role, Boolean connected) implements RoomMessage {
        public PeerPresence {
            Fields.require(role, "role");
            Fields.require(connected, "connected");
        }
    }

    /**
     * The other party's view of the call's media, as it reported it ({@code quality} from the client).
     *
     * @param from   the sender's role
     * @param report its figures and judgement, field for field as it sent them
     */
    record Quality(Role from, QualityReport report) implements RoomMessage {
        public Quality {
            Fields.require(from, "from");
            Fields.require(report, "report");
        }
    }

    /**
     * On the doctor's lobby socket: one of the doctor's appointments changed call status, so the list updates
     * without a refresh.
     *
     * @param appointmentId the appointment
     * @param callStatus    its call status now
     * @param startedBy     who started the current call, or null
     * @param sessionId     the current or last session, or null
     */
    @JsonTypeName("callStatus")
    record CallStatusChanged(Long appointmentId, CallStatus callStatus, Role startedBy, Long sessionId)
            implements LobbyMessage {
        public CallStatusChanged {
            Fields.require(appointmentId, "appointmentId");
            Fields.require(callStatus, "callStatus");
        }
    }

    /**
     * On the doctor's lobby socket: the clinic's systems changed one of the doctor's appointments (created, moved,
     * paid, refunded, cancelled), so the list reads it again.
     *
     * @param appointmentId the appointment
     */
    record AppointmentChanged(Long appointmentId) implements LobbyMessage {
        public AppointmentChanged {
            Fields.require(appointmentId, "appointmentId");
        }
    }

    /**
     * Answer to {@code ping}.
     *
     * @param requestId the ping's request id
     */
    record Pong(String requestId) implements RoomMessage, LobbyMessage {
    }

    /**
     * A request failed. The socket stays open unless the error is about registration.
     *
     * @param code      what went wrong
     * @param message   plain-language explanation, for logs and as a fallback for the user
     * @param requestId the request id of the message that caused it, if it had one
     */
    record Error(ErrorCode code, String message, String requestId) implements RoomMessage, LobbyMessage {
        public Error {
            Fields.require(code, "code");
            Fields.require(message, "message");
        }
    }

    /**
     * The doctor's message to the waiting patient ("I'm running 5 minutes late"), shown on the waiting screen. Sent
     * to the patient when the doctor writes it, and again (all of the waiting call's messages, in order) when the
     * patient's page registers while the call still waits.
     *
     * @param sessionId the waiting call's session
     * @param text      the message, 1–{@link Protocol#MAX_WAITING_TEXT_LENGTH} characters
     * @param sentAt    when the doctor sent it
     */
    record WaitingMessage(Long sessionId, String text, Instant sentAt) implements RoomMessage {
        public WaitingMessage {
            Fields.require(sessionId, "sessionId");
            Fields.requireText(text, "text", Protocol.MAX_WAITING_TEXT_LENGTH);
            Fields.require(sentAt, "sentAt");
        }
    }

    /**
     * The chat of the running call so far, oldest first, for a party that registers while the call waits or runs (a
     * reload, a dropped socket): sent after {@code activeCall} when the call's session has stored lines. A line may
     * also arrive as {@code chat} just before or after it; a client shows each line once (the same {@code at},
     * {@code from} and {@code text}) in the server's order.
     *
     * @param sessionId the call's session
     * @param lines     its chat lines as stored ({@code at} is {@code chat.sentAt}), oldest first
     */
    record ChatTranscript(Long sessionId, List<dev.carecall.protocol.rest.ChatLineView> lines) implements RoomMessage {
        public ChatTranscript {
            Fields.require(sessionId, "sessionId");
            Fields.require(lines, "lines");
            if (lines.stream().anyMatch(l -> l == null || l.at() == null || l.from() == null || l.text() == null)) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "every line of 'lines' needs at, from and text");
            }
            lines = List.copyOf(lines);
        }
    }

    /**
     * The doctor declined the waiting patient, with a reason the patient reads. Sent to the patient just before
     * {@code callEnded} (reason {@code declined}), and again after {@code registered} when the last call was
     * declined, so a reload still shows why.
     *
     * @param sessionId  the declined call's session
     * @param reason     the doctor's words, 1–{@link Protocol#MAX_WAITING_TEXT_LENGTH} characters
     * @param declinedAt when
     */
    record CallDeclined(Long sessionId, String reason, Instant declinedAt) implements RoomMessage {
        public CallDeclined {
            Fields.require(sessionId, "sessionId");
            Fields.requireText(reason, "reason", Protocol.MAX_WAITING_TEXT_LENGTH);
            Fields.require(declinedAt, "declinedAt");
        }
    }

    /**
     * A patient's pre-call check arrived (or the patient knocked with one stored): the doctor's list shows it on the
     * appointment before admitting.
     *
     * @param appointmentId the appointment
     * @param readiness     what the patient's check found, as the page sent it
     * @param receivedAt    when the server received it
     */
    record PatientReadiness(Long appointmentId, Readiness readiness, Instant receivedAt) implements LobbyMessage {
        public PatientReadiness {
            Fields.require(appointmentId, "appointmentId");
            Fields.require(readiness, "readiness");
            Fields.require(receivedAt, "receivedAt");
        }
    }
}
