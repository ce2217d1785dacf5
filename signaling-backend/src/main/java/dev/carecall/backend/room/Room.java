package dev.carecall.backend.room;

import dev.carecall.backend.CareCallException;
import dev.carecall.backend.auth.Caller;
import dev.carecall.backend.observe.CallMetrics;
import dev.carecall.backend.storage.Appointment;
import dev.carecall.backend.storage.CallSession;
import dev.carecall.backend.storage.CareCallStore;
import dev.carecall.protocol.CallEndReason;
import dev.carecall.protocol.CallEvent;
import dev.carecall.protocol.CallStatus;
import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.Role;
import dev.carecall.protocol.ServerMessage;
import dev.carecall.protocol.rest.CallEventView;
import dev.carecall.protocol.rest.CallStatusView;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One appointment's room: its two seats and its call, which owns its transitions (inactive → waiting → active →
 * ended, and again). Each transition checks the current state, stores the change, then takes it over and tells the
 * room and the doctor's lobby; a failed write leaves the state as it was. The state is read from the database once,
 * when the room is made (so after a restart too); after that the room knows what it wrote and never reads it back.
 *
 * <p>Everything but the seats runs only on {@link #queue}; the seats are volatile because the status view reads them
 * and a socket's close frees its seat through the queue as well.
 */
final class Room {
    /** Signaling events kept per session; a call that renegotiates endlessly must not grow the row without end. */
    private static final int MAX_LOG = 500;

    final long appointmentId;
    final long doctorId;
    final RoomQueue queue;
    private final Appointment appointment;
    private final CareCallStore store;
    private final Lobby lobby;
    private final Clock clock;
    private final CallMetrics metrics;

    private volatile Participant doctor;
    private volatile Participant patient;

    private CallStatus status;
    /** The current or last session, or null if there never was one. */
    private Long sessionId;
    /** Who started the current or last call. */
    private Role startedBy;
    private Instant startedAt;
    private Instant endedAt;
    /** The signaling log of {@link #sessionId}. */
    private List<CallEventView> log;

    /**
     * A room in the state the database holds.
     *
     * @param appointment the appointment as stored
     * @param latest      its latest call session, if it had one
     */
    Room(Appointment appointment, Optional<CallSession> latest, RoomQueue queue, CareCallStore store, Lobby lobby,
         Clock clock, CallMetrics metrics) {
        this.appointmentId = appointment.id();
        this.doctorId = appointment.doctorId();
        this.appointment = appointment;
        this.queue = queue;
        this.store = store;
        this.lobby = lobby;
        this.clock = clock;
        this.metrics = metrics;
        this.status = appointment.callStatus();
        this.startedBy = appointment.callStartedBy();
        this.startedAt = appointment.callStartedAt();
        this.endedAt = appointment.callEndedAt();
        this.sessionId = latest.map(CallSession::id).orElse(null);
        this.log = new ArrayList<>(latest.map(CallSession::events).orElse(List.of()));
        metrics.callStatus(appointmentId, status);
    }

    // ---- transitions ----------------------------------------------------------------------------------------------

    /**
     * Starts the call. If the other party started it already, this joins it; pressed twice by the starter, it
     * confirms with {@code activeCall} and changes nothing.
     *
     * @param paid whether the appointment is paid now (read fresh: payment happens outside the room)
     */
    void start(Caller caller, boolean paid) {
        if (!paid) {
            throw new CareCallException(ErrorCode.PAYMENT_REQUIRED,
                    "This appointment is not paid yet, so the call cannot start. Please complete the payment.");
        }
        Role actor = caller.role();
        switch (status) {
            case WAITING -> {
                if (startedBy == actor) {
                    sendTo(actor, activeCall());
                } else {
                    join(caller);
                }
            }
            case ACTIVE -> join(caller);
            case INACTIVE, ENDED -> {
                Instant now = clock.instant();
                List<CallEventView> first = List.of(new CallEventView(now, CallEvent.START_CALL, actor));
                CallSession session = store.startSession(appointment, actor, now, first);
                metrics.callStarted(actor);
                store.audit(now, caller.auditName(), "start-call", appointmentId, "session " + session.id());
                status = CallStatus.WAITING;
                sessionId = session.id();
                startedBy = actor;
                startedAt = now;
                endedAt = null;
                log = new ArrayList<>(first);
                broadcast(activeCall());
                announce();
            }
        }
    }

    /** Joins the waiting call, or the running one again after a reload: both sides then renegotiate. */
    void join(Caller caller) {
        Role actor = caller.role();
        Instant now = clock.instant();
        switch (status) {
            case WAITING -> {
                if (startedBy == actor) {
                    throw new CareCallException(ErrorCode.NO_ACTIVE_CALL,
                            "You started this call; wait for the other person to join.");
                }
                List<CallEventView> joined = withEvent(now, CallEvent.JOIN_CALL, actor);
                store.joinSession(appointmentId, sessionId, now, joined);
                metrics.callJoined(actor);
                store.audit(now, caller.auditName(), "join-call", appointmentId, "session " + sessionId);
                status = CallStatus.ACTIVE;
                log = new ArrayList<>(joined);
                broadcast(new ServerMessage.JoinerConnected(sessionId, actor));
                announce();
            }
            case ACTIVE -> {
                record(now, CallEvent.REJOIN_CALL, actor);
                metrics.callRejoined(actor);
                broadcast(new ServerMessage.JoinerConnected(sessionId, actor));
            }
            case INACTIVE, ENDED -> throw new CareCallException(ErrorCode.NO_ACTIVE_CALL,
                    "There is no call to join yet. Wait until the other person starts it, or start it yourself.");
        }
    }

    /**
     * Ends the waiting or running call for both.
     *
     * @param endedBy    who ended it, or null when the server did
     * @param auditActor who to name in the audit log
     * @param reason     why, for {@code callEnded}
     */
    void end(Role endedBy, String auditActor, CallEndReason reason) {
        if (!status.isLive()) {
            throw new CareCallException(ErrorCode.NO_ACTIVE_CALL, "There is no call to end.");
        }
        Instant now = clock.instant();
        List<CallEventView> ended = withEvent(now, CallEvent.END_CALL, endedBy);
        store.endSession(appointmentId, sessionId, endedBy, now, ended);
        metrics.callEnded(reason);
        store.audit(now, auditActor, "end-call", appointmentId, "session " + sessionId + ", " + reason.wireName());
        status = CallStatus.ENDED;
        endedAt = now;
        log = new ArrayList<>(ended);
        broadcast(new ServerMessage.CallEnded(sessionId, endedBy, now, reason));
        announce();
    }

    // ---- seats ----------------------------------------------------------------------------------------------------

    /** Puts the socket in the role's seat; returns the one it replaced, or null. */
    Participant seat(Role role, Participant participant) {
        Participant old = get(role);
        if (role == Role.DOCTOR) {
            doctor = participant;
        } else {
            patient = participant;
        }
        return old;
    }

    /** Frees the seat if this socket still holds it; true if it did. */
    boolean unseat(Role role, Participant participant) {
        if (get(role) != participant) {
            return false;
        }
        seat(role, null);
        return true;
    }

    boolean connected(Role role) {
        return get(role) != null;
    }

    void sendTo(Role role, ServerMessage message) {
        Participant p = get(role);
        if (p != null) {
            p.send(message);
        }
    }

    void broadcast(ServerMessage message) {
        sendTo(Role.DOCTOR, message);
        sendTo(Role.PATIENT, message);
    }

    // ---- what the room knows --------------------------------------------------------------------------------------

    CallStatus status() {
        return status;
    }

    Long sessionId() {
        return sessionId;
    }

    /** Who started the waiting or running call; null when none runs. */
    Role liveStarter() {
        return status.isLive() ? startedBy : null;
    }

    /** The call as a party that arrives while it waits or runs learns it. */
    ServerMessage.ActiveCall activeCall() {
        return new ServerMessage.ActiveCall(appointmentId, sessionId, startedBy, startedAt, status);
    }

    CallStatusView statusView() {
        return new CallStatusView(appointmentId, status, sessionId, startedBy, startedAt, endedAt,
                connected(Role.DOCTOR), connected(Role.PATIENT));
    }

    /** Notes an event in the current session's log while a call waits or runs (held here, stored at join and end). */
    void recordWhileLive(CallEvent event, Role from) {
        if (status.isLive()) {
            record(clock.instant(), event, from);
        }
    }

    /**
     * Notes an event while a call waits or runs and stores the log at once: a media interruption and its recovery
     * belong in the stored history even if this process dies before the call ends.
     */
    void recordAndStore(CallEvent event, Role from) {
        if (status.isLive()) {
            List<CallEventView> next = withEvent(clock.instant(), event, from);
            store.saveLog(sessionId, next);
            log = new ArrayList<>(next);
        }
    }

    /** The log of this session as the room holds it (fresher than the stored one while the call runs). */
    Optional<List<CallEventView>> liveLog(long session) {
        return sessionId != null && session == sessionId ? Optional.of(List.copyOf(log)) : Optional.empty();
    }

    Instant now() {
        return clock.instant();
    }

    private void record(Instant at, CallEvent event, Role from) {
        if (log.size() < MAX_LOG) {
            log.add(new CallEventView(at, event, from));
        }
    }

    /** The log with one more event, to be stored before it becomes the room's. */
    private List<CallEventView> withEvent(Instant at, CallEvent event, Role from) {
        List<CallEventView> next = new ArrayList<>(log);
        if (next.size() < MAX_LOG) {
            next.add(new CallEventView(at, event, from));
        }
        return next;
    }

    private Participant get(Role role) {
        return role == Role.DOCTOR ? doctor : patient;
    }

    private void announce() {
        metrics.callStatus(appointmentId, status);
        lobby.notify(doctorId, new ServerMessage.CallStatusChanged(appointmentId, status, liveStarter(), sessionId));
    }
}
