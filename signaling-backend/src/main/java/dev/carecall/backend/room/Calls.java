package dev.carecall.backend.room;

import dev.carecall.backend.BackendSettings.CallGrace;
import dev.carecall.backend.CareCallException;
import dev.carecall.backend.auth.AppointmentAccess;
import dev.carecall.backend.auth.Caller;
import dev.carecall.backend.observe.CallMetrics;
import dev.carecall.backend.history.CallHistory;
import dev.carecall.backend.history.TranscriptSettings;
import dev.carecall.backend.ice.IceServers;
import dev.carecall.backend.quality.CallQualities;
import dev.carecall.backend.storage.Appointment;
import dev.carecall.backend.storage.CareCallStore;
import dev.carecall.backend.storage.SessionLogWriter;
import dev.carecall.protocol.CallEndReason;
import dev.carecall.protocol.CallEvent;
import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.Protocol;
import dev.carecall.protocol.Role;
import dev.carecall.protocol.ServerMessage;
import dev.carecall.protocol.rest.CallSessionView;
import dev.carecall.protocol.rest.CallStatusView;
import dev.carecall.protocol.rest.ChatLineView;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The calls of every appointment: finds (or loads) an appointment's {@link Room} and runs each action on the room's
 * queue. Start, join and end have one entry point each, which the REST endpoints and the room sockets both call, so
 * both change the same state and notify the same room; the room itself owns the state and its transitions. What the
 * parties send each other during a call goes through {@link CallRelay}; what other instances send, through
 * {@link FromOtherInstances}; stopping this instance, through {@link Drain}. Rooms nobody uses leave memory after
 * {@link RelaySettings#roomIdle()} ({@link #evictIdleRooms()}); the next request loads the room again from the
 * database, which holds its state and log.
 */
public final class Calls {
    /** WebSocket close code for a socket replaced by a newer one of the same person (PROTOCOL.md). */
    public static final int CLOSE_REPLACED = 4001;
    /**
     * WebSocket close code for every socket of an instance that stops (a rolling upgrade, a restart): reconnect, and
     * the load balancer sends the new socket to an instance that runs (PROTOCOL.md).
     */
    public static final int CLOSE_DRAINING = 4009;
    /** WebSocket close code "policy violation": failed or missing registration. */
    public static final int CLOSE_POLICY = 1008;

    private final CareCallStore store;
    private final AppointmentAccess access;
    private final Lobby lobby;
    private final IceServers iceServers;
    private final CallMetrics metrics;
    private final Rooms rooms;
    private final SignedInSockets signedIn = new SignedInSockets();
    private final EmptyCalls emptyCalls;
    private final ChatRelay chat;
    private final WaitingRoom waitingRoom;
    private final QualityRelay quality;
    /** The other instances; {@link RoomBus#NONE} when this one is alone. */
    private final RoomBus bus;
    private final Drain drain = new Drain(signedIn);
    private final CallRelay relay;

    /**
     * @param timer       triggers the checks of calls nobody is in (the work runs on the rooms' queues)
     * @param grace       how long such calls are kept
     * @param logWriter   stores the signaling logs as they grow
     * @param transcripts whether chat lines are stored with their call, and how long they are kept
     * @param qualities   sums up the parties' quality reports per session
     */
    public Calls(CareCallStore store, AppointmentAccess access, Lobby lobby, Clock clock, IceServers iceServers,
                 Executor executor, CallMetrics metrics, RelaySettings relay, ScheduledExecutorService timer,
                 CallGrace grace, SessionLogWriter logWriter, TranscriptSettings transcripts,
                 CallQualities qualities) {
        this(store, access, lobby, clock, iceServers, executor, metrics, relay, timer, grace, logWriter, transcripts,
                qualities, RoomBus.NONE);
    }

    /**
     * As above, with other instances reached through {@code bus}: a room's parties may sit on different instances.
     * Hand {@link #fromOtherInstances} to the bus before sockets register.
     */
    public Calls(CareCallStore store, AppointmentAccess access, Lobby lobby, Clock clock, IceServers iceServers,
                 Executor executor, CallMetrics metrics, RelaySettings relay, ScheduledExecutorService timer,
                 CallGrace grace, SessionLogWriter logWriter, TranscriptSettings transcripts,
                 CallQualities qualities, RoomBus bus) {
        this.chat = new ChatRelay(store, transcripts);
        this.bus = bus;
        lobby.bus(bus);
        this.store = store;
        this.access = access;
        this.lobby = lobby;
        this.iceServers = iceServers;
        this.metrics = metrics;
        this.rooms = new Rooms(store, lobby, clock, executor, metrics, relay, logWriter, bus);
        this.quality = new QualityRelay(qualities);
        this.emptyCalls = new EmptyCalls(timer, grace, clock);
        this.waitingRoom = new WaitingRoom(this, access, store.waitingRoom(), lobby);
        this.relay = new CallRelay(rooms, metrics, chat, quality);
    }

    /**
     * A credential was taken back (or the appointment cancelled): the sockets registered with it close here at once,
     * and on the other instances through the bus. Returns how many closed here.
     */
    public int revoke(Revocation revocation) {
        bus.revoked(revocation);
        return signedIn.closeWhere(revocation);
    }

    /**
     * At start-up, once the server listens: takes over the calls the database says wait or run (their last process
     * died with them). Each that nobody has re-registered to yet gets its grace period for the parties to come back
     * and carry on as the same session, else it ends ({@link EmptyCalls}). Returns how many there were.
     */
    public int takeOverLiveCalls() {
        return emptyCalls.takeOver(store, rooms);
    }

    // ---- the call's actions: REST and sockets alike ---------------------------------------------------------------

    /** Starts the call; if the other party started it already, joins it. Unpaid appointments: PAYMENT_REQUIRED. */
    public CallStatusView start(Caller caller, long appointmentId) {
        return start(caller, appointmentId, () -> true);
    }

    /** As {@link #start(Caller, long)}, dropped unasked if {@code stillWanted} says no by its turn. */
    CallStatusView start(Caller caller, long appointmentId, BooleanSupplier stillWanted) {
        // Read fresh, not from the room: whether it is paid can change outside the room.
        Appointment appointment = access.authorize(caller, appointmentId);
        if (appointment.cancelled()) {
            throw AppointmentAccess.cancelled();
        }
        return inRoom(appointment, stillWanted, room -> {
            room.start(caller, appointment.paid());
            waitingRoom.knocked(room, caller.role());
            watchIfEmpty(room); // started over REST with nobody's socket in the room
            return room.statusView();
        });
    }

    /** Joins the waiting call (or, during a running call, joins it again after a reload: both renegotiate). */
    public CallStatusView join(Caller caller, long appointmentId) {
        return join(caller, appointmentId, () -> true);
    }

    CallStatusView join(Caller caller, long appointmentId, BooleanSupplier stillWanted) {
        return inRoom(access.authorize(caller, appointmentId), stillWanted, room -> {
            room.join(caller);
            watchIfEmpty(room);
            return room.statusView();
        });
    }

    /** Ends the call for both parties: the caller hung up. */
    public CallStatusView end(Caller caller, long appointmentId) {
        return end(caller, appointmentId, () -> true);
    }

    CallStatusView end(Caller caller, long appointmentId, BooleanSupplier stillWanted) {
        CallStatusView ended = inRoom(access.authorize(caller, appointmentId), stillWanted, room -> {
            room.end(caller.role(), caller.auditName(), CallEndReason.HANGUP);
            return room.statusView();
        });
        // Calls that end otherwise (abandoned, cancelled, a restart) are written once their reports stop.
        if (ended.sessionId() != null) {
            quality.ended(ended.sessionId());
        }
        return ended;
    }

    /** The doctor writes to the patient waiting in this appointment's call ({@code waitingMessage}). */
    public void waitingMessage(Caller caller, long appointmentId, String text) {
        waitingRoom.message(caller, appointmentId, text);
    }

    /** The doctor declines the waiting patient with a reason; the call ends as {@code declined}. */
    public CallStatusView decline(Caller caller, long appointmentId, String reason) {
        return waitingRoom.decline(caller, appointmentId, reason);
    }

    /** The patient's page sent its pre-call check. */
    void readiness(Participant participant, long appointmentId, dev.carecall.protocol.Readiness readiness) {
        waitingRoom.readiness(participant, appointmentId, readiness);
    }

    public CallStatusView status(Caller caller, long appointmentId) {
        return inRoom(access.authorize(caller, appointmentId), () -> true, room -> {
            fresh(room);
            return room.statusView();
        });
    }

    /**
     * The appointment's calls, newest first, each with its signaling log, timeline, chat transcript and quality.
     * Its doctor's only: the transcript is part of the consultation's record, which a join link does not open.
     */
    public List<CallSessionView> history(Caller caller, long appointmentId) {
        if (!(caller instanceof Caller.Doctor)) {
            throw new CareCallException(ErrorCode.FORBIDDEN, "Only the appointment's doctor can read its call history.");
        }
        Appointment appointment = access.authorize(caller, appointmentId);
        Map<Long, List<ChatLineView>> lines = chat.transcriptsOf(appointmentId);
        return inRoom(appointment, () -> true, room -> {
            Instant now = room.now();
            return store.sessionsOf(appointmentId).stream()
                    .map(s -> CallHistory.view(s, room.liveLog(s.id()).orElse(s.events()),
                            lines.getOrDefault(s.id(), List.of()), chat.settings(), quality.summariesOf(s.id()), now))
                    .toList();
        });
    }

    /**
     * The clinic cancelled the appointment: a waiting or running call ends, the patient's socket is told why and
     * closed. Later requests with the link are refused by {@link AppointmentAccess}.
     */
    public void cancelled(long appointmentId, String auditActor) {
        Revocation.Cancelled cancelled = new Revocation.Cancelled(appointmentId);
        Room room = rooms.inMemory(appointmentId);
        if (room == null && bus.enabled()) {
            // The call may run with both parties on other instances: it is ended here all the same.
            room = store.findAppointment(appointmentId).map(rooms::room).orElse(null);
        }
        if (room != null) {
            Room cancelledRoom = room;
            room.queue.call(() -> {
                // An evicted room had nobody in it and no call; a fresh one reads the cancellation from the database.
                if (cancelledRoom.evicted()) {
                    return null;
                }
                cancelledRoom.endIfLive(auditActor, CallEndReason.CANCELLED);
                cancelledRoom.closePatient(cancelled);
                return null;
            });
        }
        // After the end: other instances hand their patient the call's end first, then close the socket.
        bus.revoked(cancelled);
    }

    /** Tells the doctor's lobby that the clinic changed one of their appointments, so the list reloads it. */
    public void appointmentChanged(long appointmentId, long doctorId) {
        lobby.appointmentChanged(doctorId, appointmentId);
    }

    /** Takes rooms out of memory that nobody has used for {@link RelaySettings#roomIdle()}. */
    public void evictIdleRooms() {
        rooms.evictIdle();
    }

    /** Rooms in memory now. */
    int roomsInMemory() {
        return rooms.count();
    }

    // ---- sockets --------------------------------------------------------------------------------------------------

    /**
     * Seats a registered socket in its room: an older socket of the same person is replaced, the newcomer is told
     * the current state ({@code registered}, plus {@code activeCall} while a call waits or runs), the other party
     * learns it is present. A party back in a running call then gets its chat so far ({@code chatTranscript}).
     */
    void register(Participant participant, Caller caller, long appointmentId, String requestId) {
        if (drain.refused(participant)) {
            return;
        }
        Appointment appointment = access.authorize(caller, appointmentId);
        Role role = caller.role();
        Long liveSession = inRoom(appointment, participant::isOpen, room -> {
            fresh(room);
            room.paid(appointment.paid());
            participant.registeredAs(caller);
            signedIn.add(participant);
            Participant old = room.seats.seat(role, participant);
            bus.seated(room.appointmentId, role);
            room.occupied();
            if (old != null && old != participant) {
                old.sendAndClose(new ServerMessage.Error(ErrorCode.REPLACED_BY_NEW_CONNECTION,
                        "You joined this appointment from another window or device; this one was disconnected.",
                        null), CLOSE_REPLACED, "replaced by a new connection");
            }
            participant.send(new ServerMessage.Registered(role, room.appointmentId, room.status(), room.sessionId(),
                    room.liveStarter(), room.seats.connected(role.other()), iceServers.forRoom(role, room.appointmentId),
                    Protocol.VERSION, requestId));
            if (room.status().isLive()) {
                participant.send(room.activeCall());
                room.recordWhileLive(old == null ? CallEvent.CONNECTED : CallEvent.RECONNECTED, role);
            }
            room.seats.sendTo(role.other(), new ServerMessage.PeerPresence(role, true));
            waitingRoom.registered(room, participant, role);
            metrics.roomSocketOpened(role);
            return room.status().isLive() ? room.sessionId() : null;
        });
        if (liveSession != null) {
            chat.transcriptTo(participant, appointmentId, liveSession);
        }
    }

    /** The socket closed: free its seat (unless a newer socket took it) and tell the other party. */
    void leave(Participant participant, long appointmentId) {
        Room room = rooms.inMemory(appointmentId);
        Caller caller = participant.caller();
        if (room == null || caller == null) {
            return;
        }
        Role role = caller.role();
        metrics.roomSocketClosed(role);
        room.queue.submit(() -> {
            if (room.seats.unseat(role, participant)) {
                bus.left(room.appointmentId, role);
                if (bus.enabled() && bus.elsewhere(room.appointmentId, role)) {
                    return; // already back through another instance, which told the other party
                }
                room.recordWhileLive(CallEvent.DISCONNECTED, role);
                room.seats.sendTo(role.other(), new ServerMessage.PeerPresence(role, false));
                watchIfEmpty(room);
            }
        });
    }

    /** What the parties send each other during the call, for their sockets. */
    CallRelay relay() {
        return relay;
    }

    void registerLobby(Participant participant, Caller caller, String requestId) {
        if (!(caller instanceof Caller.Doctor doctor)) {
            throw new CareCallException(ErrorCode.FORBIDDEN, "The lobby is for doctors; open your appointment link.");
        }
        if (drain.refused(participant)) {
            return;
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

    /**
     * The server is about to stop. Its sockets close next; that must not mark calls as left by their parties, so a
     * planned restart treats running calls as a crash does: the parties get the restart's grace to come back.
     */
    public void stopping() {
        drain.stopping();
    }

    /**
     * Whether this instance is stopping: it takes no new sockets and its readiness says DOWN, so the load balancer
     * and reconnecting clients go to an instance that runs.
     */
    public boolean draining() {
        return drain.draining();
    }

    /**
     * Drains this instance before it stops: every registered socket, room and lobby, is closed with
     * {@link #CLOSE_DRAINING}, and this waits (a few seconds at most) until the close frames went out. The clients
     * reconnect and carry on; their calls are not left by their parties ({@link #stopping()} comes first). Returns
     * how many sockets there were.
     */
    public int drain() {
        return drain.drain();
    }

    // ---- other instances ------------------------------------------------------------------------------------------

    /**
     * What other instances send this one ({@link FromOtherInstances}), each taken in on the room's queue in the order
     * it arrived.
     *
     * @param signedOutElsewhere told of each sign-out on another instance
     */
    public RoomBus.Inbound fromOtherInstances(Consumer<Revocation.SignedOut> signedOutElsewhere) {
        return new FromOtherInstances(rooms, bus, lobby, signedIn, signedOutElsewhere);
    }

    /** With other instances, the room reads the call as stored first: it may have changed there. */
    private void fresh(Room room) {
        if (bus.enabled()) {
            room.stored.reload();
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    /** On the room's queue: if nobody is in its live call now, it ends unless someone comes back in time. */
    private void watchIfEmpty(Room room) {
        if (drain.draining()) {
            return;
        }
        Long session = room.vacated();
        if (session != null) {
            emptyCalls.watch(room, session);
        }
    }

    <T> T inRoom(Appointment appointment, BooleanSupplier stillWanted, Rooms.RoomTask<T> task) {
        return rooms.inRoom(appointment, stillWanted, task);
    }

    Room seatedRoom(Participant participant, long appointmentId) {
        return rooms.seated(participant, appointmentId);
    }
}
