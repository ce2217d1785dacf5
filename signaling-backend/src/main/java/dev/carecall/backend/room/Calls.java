package dev.carecall.backend.room;

import dev.carecall.backend.CareCallException;
import dev.carecall.backend.auth.AppointmentAccess;
import dev.carecall.backend.auth.Caller;
import dev.carecall.backend.observe.CallMetrics;
import dev.carecall.backend.ice.IceServers;
import dev.carecall.backend.storage.Appointment;
import dev.carecall.backend.storage.CareCallStore;
import dev.carecall.protocol.CallEndReason;
import dev.carecall.protocol.CallEvent;
import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.MediaConnection;
import dev.carecall.protocol.Protocol;
import dev.carecall.protocol.Role;
import dev.carecall.protocol.ServerMessage;
import dev.carecall.protocol.SignalPayload;
import dev.carecall.protocol.rest.CallSessionView;
import dev.carecall.protocol.rest.CallStatusView;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

/**
 * The calls of every appointment: finds (or loads) an appointment's {@link Room} and runs each action on the room's
 * queue. Start, join and end have one entry point each, which the REST endpoints and the room sockets both call, so
 * both change the same state and notify the same room; the room itself owns the state and its transitions.
 */
public final class Calls {
    /** WebSocket close code for a socket replaced by a newer one of the same person (PROTOCOL.md). */
    public static final int CLOSE_REPLACED = 4001;
    /** WebSocket close code "policy violation": failed or missing registration. */
    public static final int CLOSE_POLICY = 1008;

    private final CareCallStore store;
    private final AppointmentAccess access;
    private final Lobby lobby;
    private final Clock clock;
    private final IceServers iceServers;
    private final Executor executor;
    private final CallMetrics metrics;
    private final Map<Long, Room> rooms = new ConcurrentHashMap<>();
    private final SignedInSockets signedIn = new SignedInSockets();

    public Calls(CareCallStore store, AppointmentAccess access, Lobby lobby, Clock clock, IceServers iceServers,
                 Executor executor, CallMetrics metrics) {
        this.store = store;
        this.access = access;
        this.lobby = lobby;
        this.clock = clock;
        this.iceServers = iceServers;
        this.executor = executor;
        this.metrics = metrics;
    }

    /** Every registered socket, to close those of a revoked sign-in or join link. */
    public SignedInSockets signedIn() {
        return signedIn;
    }

    // ---- the call's actions: REST and sockets alike ---------------------------------------------------------------

    /** Starts the call; if the other party started it already, joins it. Unpaid appointments: PAYMENT_REQUIRED. */
    public CallStatusView start(Caller caller, long appointmentId) {
        // Read fresh, not from the room: whether it is paid can change outside the room.
        Appointment appointment = access.authorize(caller, appointmentId);
        Room room = room(appointment);
        return room.queue.call(() -> {
            room.start(caller, appointment.paid());
            return room.statusView();
        });
    }

    /** Joins the waiting call (or, during a running call, joins it again after a reload: both renegotiate). */
    public CallStatusView join(Caller caller, long appointmentId) {
        Room room = room(access.authorize(caller, appointmentId));
        return room.queue.call(() -> {
            room.join(caller);
            return room.statusView();
        });
    }

    /** Ends the call for both parties: the caller hung up. */
    public CallStatusView end(Caller caller, long appointmentId) {
        Room room = room(access.authorize(caller, appointmentId));
        return room.queue.call(() -> {
            room.end(caller.role(), caller.auditName(), CallEndReason.HANGUP);
            return room.statusView();
        });
    }

    public CallStatusView status(Caller caller, long appointmentId) {
        Room room = room(access.authorize(caller, appointmentId));
        return room.queue.call(room::statusView);
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
            signedIn.add(participant);
            Participant old = room.seat(role, participant);
            if (old != null && old != participant) {
                old.sendAndClose(new ServerMessage.Error(ErrorCode.REPLACED_BY_NEW_CONNECTION,
                        "You joined this appointment from another window or device; this one was disconnected.",
                        null), CLOSE_REPLACED, "replaced by a new connection");
            }
            participant.send(new ServerMessage.Registered(role, room.appointmentId, room.status(), room.sessionId(),
                    room.liveStarter(), room.connected(role.other()), iceServers.forRoom(role, room.appointmentId),
                    Protocol.VERSION, requestId));
            if (room.status().isLive()) {
                participant.send(room.activeCall());
                room.recordWhileLive(old == null ? CallEvent.CONNECTED : CallEvent.RECONNECTED, role);
            }
            room.sendTo(role.other(), new ServerMessage.PeerPresence(role, true));
            metrics.roomSocketOpened(role);
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
        metrics.roomSocketClosed(role);
        room.queue.submit(() -> {
            if (room.unseat(role, participant)) {
                room.recordWhileLive(CallEvent.DISCONNECTED, role);
                room.sendTo(role.other(), new ServerMessage.PeerPresence(role, false));
            }
        });
    }

    /** Passes a WebRTC payload to the other party of this room only, unchanged; the log keeps its kind only. */
    void signal(Participant participant, long appointmentId, SignalPayload signal) {
        Room room = seatedRoom(participant, appointmentId);
        Role from = participant.caller().role();
        room.queue.call(() -> {
            if (!room.status().isLive()) {
                throw new CareCallException(ErrorCode.NO_ACTIVE_CALL,
                        "There is no call to send this to. Start the call first.");
            }
            room.recordWhileLive(CallEvent.of(signal), from);
            room.sendTo(from.other(), new ServerMessage.Signal(from, signal));
            metrics.signalRelayed();
            return null;
        });
    }

    void mediaState(Participant participant, long appointmentId, boolean audio, boolean video) {
        Role from = participant.caller().role();
        relay(participant, appointmentId, new ServerMessage.MediaState(from, audio, video), CallEvent.MEDIA_STATE);
    }

    void screenShare(Participant participant, long appointmentId, boolean active) {
        Role from = participant.caller().role();
        relay(participant, appointmentId, new ServerMessage.ScreenShare(from, active),
                active ? CallEvent.SCREEN_SHARE_STARTED : CallEvent.SCREEN_SHARE_STOPPED);
    }

    /** The party's media stopped or came back: kept in the call's stored log, not relayed. */
    void mediaConnection(Participant participant, long appointmentId, MediaConnection state) {
        Room room = seatedRoom(participant, appointmentId);
        Role from = participant.caller().role();
        room.queue.call(() -> {
            room.recordAndStore(state.event(), from);
            return null;
        });
    }

    /** A chat line goes to both, so each side shows it once, in the server's order. The text is not stored. */
    void chat(Participant participant, long appointmentId, String text) {
        Room room = seatedRoom(participant, appointmentId);
        Role from = participant.caller().role();
        room.queue.call(() -> {
            room.recordWhileLive(CallEvent.CHAT, from);
            room.broadcast(new ServerMessage.Chat(from, text, room.now()));
            return null;
        });
    }

    void registerLobby(Participant participant, Caller caller, String requestId) {
        if (!(caller instanceof Caller.Doctor doctor)) {
            throw new CareCallException(ErrorCode.FORBIDDEN, "The lobby is for doctors; open your appointment link.");
        }
        participant.registeredAs(caller);
        signedIn.add(participant);
        lobby.attach(doctor.doctorId(), participant);
        participant.send(new ServerMessage.Registered(Role.DOCTOR, null, null, null, null, false,
                iceServers.forLobby(doctor.doctorId()), Protocol.VERSION, requestId));
        metrics.lobbySocketOpened();
    }

    void leaveLobby(Participant participant) {
        if (participant.caller() instanceof Caller.Doctor doctor) {
            lobby.detach(doctor.doctorId(), participant);
            metrics.lobbySocketClosed();
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private void relay(Participant participant, long appointmentId, ServerMessage message, CallEvent event) {
        Room room = seatedRoom(participant, appointmentId);
        Role from = participant.caller().role();
        room.queue.call(() -> {
            room.recordWhileLive(event, from);
            room.sendTo(from.other(), message);
            return null;
        });
    }

    /**
     * The appointment's room, made from the database the first time it is needed. The latest session is read
     * before the room is put in the map, so no JDBC runs under the map's lock; if two threads race, one room wins
     * and the other's reading is dropped unused (nothing was written in between: only a room writes its call).
     */
    private Room room(Appointment appointment) {
        Room room = rooms.get(appointment.id());
        if (room != null) {
            return room;
        }
        Room loaded = new Room(appointment, store.latestSession(appointment.id()), new RoomQueue(executor, metrics),
                store, lobby, clock, metrics);
        Room raced = rooms.putIfAbsent(appointment.id(), loaded);
        return raced != null ? raced : loaded;
    }

    /** The room of a registered socket; the socket layer registers before it calls anything else. */
    private Room seatedRoom(Participant participant, long appointmentId) {
        Room room = rooms.get(appointmentId);
        if (room == null || participant.caller() == null) {
            throw new CareCallException(ErrorCode.NOT_REGISTERED, "Register first.");
        }
        return room;
    }
}
