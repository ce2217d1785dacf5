package dev.carecall.backend.room;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carecall.backend.CareCallException;
import dev.carecall.backend.auth.AppointmentAccess;
import dev.carecall.backend.auth.Caller;
import dev.carecall.backend.ice.IceServers;
import dev.carecall.backend.storage.Appointment;
import dev.carecall.backend.storage.CallSession;
import dev.carecall.backend.storage.CareCallStore;
import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.Protocol;
import dev.carecall.protocol.Role;
import dev.carecall.protocol.ServerMessage;
import dev.carecall.protocol.rest.CallEventView;
import dev.carecall.protocol.rest.CallSessionView;
import dev.carecall.protocol.rest.CallStatusView;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The call state machine of every appointment (inactive → waiting → active → ended, and again), driven alike by
 * WebSocket messages and REST requests. Each change is stored first, then announced to the room and to the
 * doctor's lobby, all on the room's queue.
 */
public final class Calls {
    /** WebSocket close code for a socket replaced by a newer one of the same person (PROTOCOL.md). */
    public static final int CLOSE_REPLACED = 4001;
    /** WebSocket close code "policy violation": failed or missing registration. */
    public static final int CLOSE_POLICY = 1008;
    /** The session description types worth a log entry; anything else is logged as plain "signal". */
    private static final java.util.Set<String> SIGNAL_TYPES = java.util.Set.of("offer", "answer", "pranswer",
            "rollback");

    private final CareCallStore store;
    private final AppointmentAccess access;
    private final Lobby lobby;
    private final Clock clock;
    private final IceServers iceServers;
    private final Executor executor;
    private final Map<Long, Room> rooms = new ConcurrentHashMap<>();

    public Calls(CareCallStore store, AppointmentAccess access, Lobby lobby, Clock clock, IceServers iceServers,
                 Executor executor) {
        this.store = store;
        this.access = access;
        this.lobby = lobby;
        this.clock = clock;
        this.iceServers = iceServers;
        this.executor = executor;
    }

    // ---- REST and socket requests -------------------------------------------------------------------------------

    /** Starts the call; if the other party started it already, joins it. Unpaid appointments: PAYMENT_REQUIRED. */
    public CallStatusView start(Caller caller, long appointmentId) {
        Room room = room(access.authorize(caller, appointmentId));
        return room.queue.call(() -> {
            startInRoom(room, caller);
            return statusOf(room);
        });
    }

    /** Joins the waiting call (or, during a running call, joins it again after a reload: both renegotiate). */
    public CallStatusView join(Caller caller, long appointmentId) {
        Room room = room(access.authorize(caller, appointmentId));
        return room.queue.call(() -> {
            joinInRoom(room, caller, load(room));
            return statusOf(room);
        });
    }

    /** Ends the call for both parties. */
    public CallStatusView end(Caller caller, long appointmentId) {
        Room room = room(access.authorize(caller, appointmentId));
        return room.queue.call(() -> {
            endInRoom(room, caller);
            return statusOf(room);
        });
    }

    public CallStatusView status(Caller caller, long appointmentId) {
        Room room = room(access.authorize(caller, appointmentId));
        return room.queue.call(() -> {
            load(room);
            return statusOf(room);
        });
    }

    /** The appointment's calls, newest first, each with its signaling log. */
    public List<CallSessionView> history(Caller caller, long appointmentId) {
        Room room = room(access.authorize(caller, appointmentId));
        return room.queue.call(() -> store.sessionsOf(appointmentId).stream()
                .map(s -> new CallSessionView(s.id(), s.status(), s.startedBy(), s.startedAt(), s.joinedAt(),
                        s.endedAt(), s.endedBy(), room.liveLog(s.id()).orElse(s.events())))
                .toList());
    }

    // ---- sockets --------------------------------------------------------------------------------------------------

    /**
     * Seats a registered socket in its room: an older socket of the same person is replaced, the newcomer is told
     * the current state ({@code registered}, plus {@code activeCall} while a call waits or runs), the other party
     * learns it is present.
     */
    void register(Participant participant, Caller caller, long appointmentId, String requestId) {
        Room room = room(access.authorize(caller, appointmentId));
        Role role = caller.role();
        room.queue.call(() -> {
            participant.registeredAs(caller);
            Participant old = room.set(role, participant);
            if (old != null && old != participant) {
                old.sendAndClose(new ServerMessage.Error(ErrorCode.REPLACED_BY_NEW_CONNECTION,
                        "You joined this appointment from another window or device; this one was disconnected.",
                        null), CLOSE_REPLACED, "replaced by a new connection");
            }
            load(room);
            participant.send(new ServerMessage.Registered(role, room.appointmentId, room.status, room.sessionId,
                    room.startedBy, room.connected(role.other()), iceServers.forRoom(role, room.appointmentId),
                    Protocol.VERSION, requestId));
            if (room.status.isLive()) {
                participant.send(activeCall(room));
                room.record(clock.instant(), old == null ? "connected" : "reconnected", role);
            }
            room.sendTo(role.other(), new ServerMessage.PeerPresence(role, true));
            return null;
        });
    }

    /** The socket closed: free its seat (unless a newer socket took it) and tell the other party. */
    void leave(Participant participant, long appointmentId) {
        Room room = rooms.get(appointmentId);
        Caller caller = participant.caller();
        if (room == null || caller == null) {
            return;
        }
        Role role = caller.role();
        room.queue.submit(() -> {
            if (room.get(role) != participant) {
                return;
            }
            room.set(role, null);
            if (room.status.isLive()) {
                room.record(clock.instant(), "disconnected", role);
            }
            room.sendTo(role.other(), new ServerMessage.PeerPresence(role, false));
        });
    }

    void startCall(Participant participant, long appointmentId) {
        Room room = seatedRoom(participant, appointmentId);
        room.queue.call(() -> {
            startInRoom(room, participant.caller());
            return null;
        });
    }

    void joinCall(Participant participant, long appointmentId) {
        Room room = seatedRoom(participant, appointmentId);
        room.queue.call(() -> {
            joinInRoom(room, participant.caller(), load(room));
            return null;
        });
    }

    void endCall(Participant participant, long appointmentId) {
        Room room = seatedRoom(participant, appointmentId);
        room.queue.call(() -> {
            endInRoom(room, participant.caller());
            return null;
        });
    }

    /** Passes a WebRTC payload to the other party of this room only, unchanged; the log keeps its kind only. */
    void signal(Participant participant, long appointmentId, JsonNode signal) {
        Room room = seatedRoom(participant, appointmentId);
        Role from = participant.caller().role();
        room.queue.call(() -> {
            if (!room.status.isLive()) {
                throw new CareCallException(ErrorCode.NO_ACTIVE_CALL,
                        "There is no call to send this to. Start the call first.");
            }
            room.record(clock.instant(), signalKind(signal), from);
            room.sendTo(from.other(), new ServerMessage.Signal(from, signal));
            return null;
        });
    }

    void mediaState(Participant participant, long appointmentId, boolean audio, boolean video) {
        Role from = participant.caller().role();
        relay(participant, appointmentId, new ServerMessage.MediaState(from, audio, video), "mediaState");
    }

    void screenShare(Participant participant, long appointmentId, boolean active) {
        Role from = participant.caller().role();
        relay(participant, appointmentId, new ServerMessage.ScreenShare(from, active),
                active ? "screenShareStarted" : "screenShareStopped");
    }

    /** A chat line goes to both, so each side shows it once, in the server's order. The text is not stored. */
    void chat(Participant participant, long appointmentId, String text) {
        Room room = seatedRoom(participant, appointmentId);
        Role from = participant.caller().role();
        room.queue.call(() -> {
            Instant now = clock.instant();
            if (room.status.isLive()) {
                room.record(now, "chat", from);
            }
            room.broadcast(new ServerMessage.Chat(from, text, now));
            return null;
        });
    }

    void registerLobby(Participant participant, Caller caller, String requestId) {
        if (!(caller instanceof Caller.Doctor doctor)) {
            throw new CareCallException(ErrorCode.FORBIDDEN, "The lobby is for doctors; open your appointment link.");
        }
        participant.registeredAs(caller);
        lobby.attach(doctor.doctorId(), participant);
        participant.send(new ServerMessage.Registered(Role.DOCTOR, null, null, null, null, false,
                iceServers.forLobby(doctor.doctorId()), Protocol.VERSION, requestId));
    }

    void leaveLobby(Participant participant) {
        if (participant.caller() instanceof Caller.Doctor doctor) {
            lobby.detach(doctor.doctorId(), participant);
        }
    }

    // ---- state changes, always on the room's queue -----------------------------------------------------------------

    private void startInRoom(Room room, Caller caller) {
        Appointment appointment = load(room);
        Role actor = caller.role();
        if (!appointment.paid()) {
            throw new CareCallException(ErrorCode.PAYMENT_REQUIRED,
                    "This appointment is not paid yet, so the call cannot start. Please complete the payment.");
        }
        switch (room.status) {
            case WAITING -> {
                if (room.startedBy != actor) {
                    joinInRoom(room, caller, appointment);
                } else {
                    room.sendTo(actor, activeCall(room)); // pressed twice: confirm, change nothing
                }
                return;
            }
            case ACTIVE -> {
                joinInRoom(room, caller, appointment);
                return;
            }
            case INACTIVE, ENDED -> {
                // a new session below
            }
        }
        Instant now = clock.instant();
        List<CallEventView> log = room.newLog(new CallEventView(now, "startCall", actor));
        CallSession session = store.startSession(appointment, actor, now, log);
        room.attachLog(session.id());
        store.audit(now, caller.auditName(), "start-call", room.appointmentId, "session " + session.id());
        load(room);
        room.broadcast(activeCall(room));
        announce(room);
    }

    private void joinInRoom(Room room, Caller caller, Appointment appointment) {
        Role actor = caller.role();
        Instant now = clock.instant();
        switch (room.status) {
            case WAITING -> {
                if (room.startedBy == actor) {
                    throw new CareCallException(ErrorCode.NO_ACTIVE_CALL,
                            "You started this call; wait for the other person to join.");
                }
                room.record(now, "joinCall", actor);
                store.joinSession(appointment, room.sessionId, now, room.log());
                store.audit(now, caller.auditName(), "join-call", room.appointmentId, "session " + room.sessionId);
                load(room);
                room.broadcast(new ServerMessage.JoinerConnected(room.sessionId, actor));
                announce(room);
            }
            case ACTIVE -> {
                // Back after a reload or a dropped connection: both sides build a fresh peer connection.
                room.record(now, "rejoinCall", actor);
                room.broadcast(new ServerMessage.JoinerConnected(room.sessionId, actor));
            }
            case INACTIVE, ENDED -> throw new CareCallException(ErrorCode.NO_ACTIVE_CALL,
                    "There is no call to join yet. Wait until the other person starts it, or start it yourself.");
        }
    }

    private void endInRoom(Room room, Caller caller) {
        Appointment appointment = load(room);
        if (!room.status.isLive()) {
            throw new CareCallException(ErrorCode.NO_ACTIVE_CALL, "There is no call to end.");
        }
        Role actor = caller.role();
        Instant now = clock.instant();
        long session = room.sessionId;
        room.record(now, "endCall", actor);
        store.endSession(appointment, session, actor, now, room.log());
        store.audit(now, caller.auditName(), "end-call", room.appointmentId, "session " + session);
        load(room);
        room.broadcast(new ServerMessage.CallEnded(session, actor, now, "hangup"));
        announce(room);
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private void relay(Participant participant, long appointmentId, ServerMessage message, String event) {
        Room room = seatedRoom(participant, appointmentId);
        Role from = participant.caller().role();
        room.queue.call(() -> {
            if (room.status.isLive()) {
                room.record(clock.instant(), event, from);
            }
            room.sendTo(from.other(), message);
            return null;
        });
    }

    private Room room(Appointment appointment) {
        return rooms.computeIfAbsent(appointment.id(), id -> new Room(appointment, new RoomQueue(executor)));
    }

    /** The room of a registered socket; the socket layer registers before it calls anything else. */
    private Room seatedRoom(Participant participant, long appointmentId) {
        Room room = rooms.get(appointmentId);
        if (room == null || participant.caller() == null) {
            throw new CareCallException(ErrorCode.NOT_REGISTERED, "Register first.");
        }
        return room;
    }

    /** Reads the stored state into the room's copy. */
    private Appointment load(Room room) {
        Appointment appointment = store.findAppointment(room.appointmentId).orElseThrow(() ->
                new CareCallException(ErrorCode.APPOINTMENT_NOT_FOUND, "This appointment no longer exists."));
        Optional<CallSession> latest = store.latestSession(room.appointmentId);
        room.refresh(appointment, latest);
        return appointment;
    }

    private ServerMessage.ActiveCall activeCall(Room room) {
        return new ServerMessage.ActiveCall(room.appointmentId, room.sessionId, room.startedBy, room.startedAt,
                room.status);
    }

    private void announce(Room room) {
        lobby.notify(room.doctorId, new ServerMessage.CallStatusChanged(room.appointmentId, room.status,
                room.startedBy, room.sessionId));
    }

    private CallStatusView statusOf(Room room) {
        return new CallStatusView(room.appointmentId, room.status, room.sessionId,
                room.lastStartedBy, room.startedAt, room.endedAt,
                room.connected(Role.DOCTOR), room.connected(Role.PATIENT));
    }

    private static String signalKind(JsonNode signal) {
        JsonNode type = signal.get("type");
        if (type != null && type.isTextual() && SIGNAL_TYPES.contains(type.asText())) {
            return type.asText();
        }
        return signal.has("candidate") ? "candidate" : "signal";
    }
}
