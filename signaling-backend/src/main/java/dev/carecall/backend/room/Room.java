package dev.carecall.backend.room;

import dev.carecall.backend.CareCallException;
import dev.carecall.backend.auth.Caller;
import dev.carecall.backend.observe.CallMetrics;
import dev.carecall.backend.storage.Appointment;
import dev.carecall.backend.storage.CallSession;
import dev.carecall.backend.storage.CareCallStore;
import dev.carecall.backend.storage.SessionLogWriter;
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
import java.util.List;
import java.util.Optional;

/**
 * One appointment's room: its two seats and its call, which owns its transitions (inactive → waiting → active →
 * ended, and again). Each transition checks the current state, stores the change, then takes it over and tells the
 * room and the doctor's lobby; a failed write leaves the state as it was. The state is read from the database once,
 * when the room is made (so after a restart too); after that the room knows what it wrote and, alone, never reads it
 * back. With other instances it reads it again when they say it changed or a write finds it changed ({@link
 * StoredCall}).
 * The signaling log grows with every relayed message and goes to the database in batches ({@link SessionLogWriter}),
 * apart from the transitions, which store it at once.
 *
 * <p>Every change runs only on {@link #queue}. The seats, the status and whether it is paid are volatile as well:
 * a relayed signal reads them from the sender's own thread and goes straight into the other socket's send queue,
 * without a queue task; its log entry waits in a lock-free list ({@link #noteRelayed}) that the next task touching
 * the log takes in.
 */
final class Room {
    final long appointmentId;
    final long doctorId;
    final RoomQueue queue;
    private final Appointment appointment;
    private final CareCallStore store;
    private final Lobby lobby;
    private final Clock clock;
    private final CallMetrics metrics;
    private final SessionLogWriter logWriter;
    /** The other instances: a party may be seated on one of them. */
    private final RoomBus bus;
    /** The doctor's and the patient's socket, here or (through the bus) on another instance. */
    final Seats seats;
    /** The call as stored, which other instances may change too: reloads and retried transitions. */
    final StoredCall stored;
    /** Whether the appointment is paid, as last read (the room is made, a party registers or starts the call). */
    private volatile boolean paid;
    /** When anyone last asked for this room ({@link System#nanoTime()}): an idle room leaves memory after a while. */
    private volatile long lastUsed = System.nanoTime();
    /** Taken out of memory; a task that finds this set runs again on a fresh room. Touched only on the queue. */
    private boolean evicted;

    /** Volatile: signals are relayed without the queue and check it from the sender's thread. */
    private volatile CallStatus status;
    /** The current or last session, or null if there never was one. Volatile: read by {@link #noteRelayed}. */
    private volatile Long sessionId;
    /** Who started the current or last call. */
    private Role startedBy;
    private Instant startedAt;
    private Instant endedAt;
    /** The signaling log of {@link #sessionId}. */
    private final SessionLog log;
    /** Since when nobody has been in the waiting or running call; null while someone is (or no call is live). */
    private Instant emptySince;
    /** The call was found live at start-up and nobody has come back to it yet. */
    private boolean awaitingReturn;
    /** The newest watch {@link EmptyCalls} set on this room. */
    private long emptyWatch;

    /**
     * A room in the state the database holds.
     *
     * @param appointment the appointment as stored
     * @param latest      its latest call session, if it had one
     */
    Room(Appointment appointment, Optional<CallSession> latest, RoomQueue queue, CareCallStore store, Lobby lobby,
         Clock clock, CallMetrics metrics, SessionLogWriter logWriter, RoomBus bus) {
        this.appointmentId = appointment.id();
        this.doctorId = appointment.doctorId();
        this.appointment = appointment;
        this.queue = queue;
        this.store = store;
        this.lobby = lobby;
        this.clock = clock;
        this.metrics = metrics;
        this.logWriter = logWriter;
        this.bus = bus;
        this.seats = new Seats(appointment.id(), bus);
        this.stored = new StoredCall(this, store, bus);
        this.status = appointment.callStatus();
        this.paid = appointment.paid();
        this.startedBy = appointment.callStartedBy();
        this.startedAt = appointment.callStartedAt();
        this.endedAt = appointment.callEndedAt();
        this.sessionId = latest.map(CallSession::id).orElse(null);
        this.log = new SessionLog(latest.map(CallSession::events).orElse(List.of()), logWriter);
        this.emptySince = status.isLive() ? latest.map(CallSession::emptySince).orElse(null) : null;
        metrics.callStatus(appointmentId, status);
    }

    /**
     * Takes over the call as the database holds it now ({@link StoredCall#reload}): another instance changed it (or
     * this room's write found it changed). What this room had relayed but not yet taken into the log is dropped with
     * the old log.
     */
    void takeOver(Optional<Appointment> stored, Optional<CallSession> latest) {
        takeInRelayed();
        Appointment fresh = stored.orElse(appointment);
        paid = fresh.paid();
        status = fresh.callStatus();
        startedBy = fresh.callStartedBy();
        startedAt = fresh.callStartedAt();
        endedAt = fresh.callEndedAt();
        sessionId = latest.map(CallSession::id).orElse(null);
        log.stored(latest.map(CallSession::events).orElse(List.of()));
        if (!status.isLive()) {
            emptySince = null;
            awaitingReturn = false;
        }
    }

    // ---- transitions ----------------------------------------------------------------------------------------------

    /**
     * Starts the call. If the other party started it already, this joins it; pressed twice by the starter, it
     * confirms with {@code activeCall} and changes nothing.
     *
     * @param paid whether the appointment is paid now (read fresh: payment happens outside the room)
     */
    void start(Caller caller, boolean paid) {
        stored.transition(() -> startNow(caller, paid));
    }

    private void startNow(Caller caller, boolean paid) {
        this.paid = paid;
        takeInRelayed();
        if (!paid) {
            throw new CareCallException(ErrorCode.PAYMENT_REQUIRED,
                    "This appointment is not paid yet, so the call cannot start. Please complete the payment.");
        }
        Role actor = caller.role();
        switch (status) {
            case WAITING -> {
                if (startedBy == actor) {
                    seats.sendTo(actor, activeCall());
                } else {
                    joinNow(caller);
                }
            }
            case ACTIVE -> joinNow(caller);
            case INACTIVE, ENDED -> {
                Instant now = clock.instant();
                List<CallEventView> first = List.of(new CallEventView(now, CallEvent.START_CALL, actor));
                CallSession session = store.startSession(appointment, actor, now, first, caller.auditName());
                metrics.callStarted(actor);
                status = CallStatus.WAITING;
                sessionId = session.id();
                startedBy = actor;
                startedAt = now;
                endedAt = null;
                emptySince = null;
                awaitingReturn = false;
                log.stored(first);
                bus.callChanged(appointmentId);
                seats.broadcast(activeCall());
                announce();
            }
        }
    }

    /** Joins the waiting call, or the running one again after a reload: both sides then renegotiate. */
    void join(Caller caller) {
        stored.transition(() -> joinNow(caller));
    }

    private void joinNow(Caller caller) {
        takeInRelayed();
        Role actor = caller.role();
        Instant now = clock.instant();
        switch (status) {
            case WAITING -> {
                if (startedBy == actor) {
                    throw new CareCallException(ErrorCode.NO_ACTIVE_CALL,
                            "You started this call; wait for the other person to join.");
                }
                List<CallEventView> joined = log.with(now, CallEvent.JOIN_CALL, actor);
                store.joinSession(appointmentId, sessionId, now, joined, caller.auditName());
                metrics.callJoined(actor);
                status = CallStatus.ACTIVE;
                log.stored(joined);
                bus.callChanged(appointmentId);
                seats.broadcast(new ServerMessage.JoinerConnected(sessionId, actor));
                announce();
            }
            case ACTIVE -> {
                log.record(sessionId, now, CallEvent.REJOIN_CALL, actor);
                metrics.callRejoined(actor);
                seats.broadcast(new ServerMessage.JoinerConnected(sessionId, actor));
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
        stored.transition(() -> endNow(endedBy, auditActor, reason));
    }

    /** Ends the call by the server if it waits or runs (as stored), else does nothing. */
    void endIfLive(String auditActor, CallEndReason reason) {
        stored.transition(() -> {
            if (status.isLive()) {
                endNow(null, auditActor, reason);
            }
        });
    }

    private void endNow(Role endedBy, String auditActor, CallEndReason reason) {
        takeInRelayed();
        if (!status.isLive()) {
            throw new CareCallException(ErrorCode.NO_ACTIVE_CALL, "There is no call to end.");
        }
        Instant now = clock.instant();
        List<CallEventView> ended = log.with(now, CallEvent.END_CALL, endedBy);
        store.endSession(appointmentId, sessionId, endedBy, reason, now, ended, auditActor);
        metrics.callEnded(reason);
        status = CallStatus.ENDED;
        endedAt = now;
        emptySince = null;
        awaitingReturn = false;
        log.stored(ended);
        bus.callChanged(appointmentId);
        seats.broadcast(new ServerMessage.CallEnded(sessionId, endedBy, now, reason));
        announce(endedBy, reason);
    }

    // ---- nobody there ---------------------------------------------------------------------------------------------

    /**
     * The waiting or running call has nobody in it now (both left, or it was started over REST with no socket):
     * notes since when, in the database too, so a restart still knows. Returns the session, or null if someone is
     * here or no call is live.
     */
    Long vacated() {
        if (!status.isLive() || !seats.empty() || emptySince != null) {
            return null;
        }
        emptySince = clock.instant();
        store.markEmpty(sessionId, emptySince);
        return sessionId;
    }

    /** Someone registered: the call is no longer empty (in the database too, if it was noted there). */
    void occupied() {
        awaitingReturn = false;
        if (emptySince != null) {
            emptySince = null;
            if (status.isLive()) {
                store.markEmpty(sessionId, null);
            }
        }
    }

    /**
     * The server started and found this call live (its last process died). Returns the session, or null if no call
     * is live or someone has already come back. A call the database says was empty before the crash keeps that time, so
     * it ends as abandoned when it would have; any other waits for its parties to come back.
     */
    Long foundAtStart() {
        if (!status.isLive() || !seats.empty()) {
            return null;
        }
        if (emptySince == null) {
            awaitingReturn = true;
            emptySince = clock.instant(); // in memory only: a second crash meanwhile is a restart again, not abandon
        }
        return sessionId;
    }

    /** Since when nobody has been in the live call, or null. */
    Instant emptySince() {
        return emptySince;
    }

    long newEmptyWatch() {
        return ++emptyWatch;
    }

    long emptyWatch() {
        return emptyWatch;
    }

    /** Whether the call was found live at start-up and nobody has returned yet. */
    boolean awaitingReturn() {
        return awaitingReturn;
    }

    // ---- seats ----------------------------------------------------------------------------------------------------

    /** Tells the patient's socket here why and closes it (the appointment was cancelled). */
    void closePatient(Revocation.Cancelled why) {
        Participant p = seats.occupant(Role.PATIENT);
        if (p != null) {
            p.sendAndClose(new ServerMessage.Error(why.code(), why.message(), null), Calls.CLOSE_POLICY,
                    "appointment cancelled");
        }
    }

    // ---- what the room knows --------------------------------------------------------------------------------------

    CallStatus status() {
        return status;
    }

    boolean paid() {
        return paid;
    }

    /** The appointment was read again (a registration, a start): whether it is paid may have changed outside. */
    void paid(boolean now) {
        paid = now;
    }

    /** Someone asked for this room now. */
    void touch() {
        lastUsed = System.nanoTime();
    }

    /**
     * Whether nothing needs this room in memory: nobody seated, no call waiting or running, nobody asked for it
     * for {@code idleNanos}. Its log is in the database by then (stored at join and at end).
     */
    boolean idleFor(long idleNanos) {
        return seats.empty() && !status.isLive() && System.nanoTime() - lastUsed >= idleNanos;
    }

    boolean evicted() {
        return evicted;
    }

    void evict() {
        evicted = true;
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
                seats.connected(Role.DOCTOR), seats.connected(Role.PATIENT));
    }

    /** Notes an event in the current session's log while a call waits or runs (held here, stored at join and end). */
    void recordWhileLive(CallEvent event, Role from) {
        takeInRelayed();
        if (status.isLive()) {
            log.record(sessionId, clock.instant(), event, from);
        }
    }

    /**
     * Notes an event while a call waits or runs and stores the log at once: a media interruption and its recovery
     * belong in the stored history even if this process dies before the call ends.
     */
    void recordAndStore(CallEvent event, Role from) {
        takeInRelayed();
        if (status.isLive()) {
            log.record(sessionId, clock.instant(), event, from);
            store.updateLog(sessionId, log.copy());
        }
    }

    /** The log of this session as the room holds it (fresher than the stored one while the call runs). */
    Optional<List<CallEventView>> liveLog(long session) {
        takeInRelayed();
        return sessionId != null && session == sessionId ? Optional.of(log.copy()) : Optional.empty();
    }

    Instant now() {
        return clock.instant();
    }

    /**
     * A signal was relayed (from any thread, while a call waits or runs): its log entry waits, without a lock or a
     * queue task, until the next task that touches the log takes it in.
     */
    void noteRelayed(CallEvent event, Role from) {
        Long session = sessionId;
        // Stored as they happen, not only when the next transition comes: at most one queue task per writer batch
        // takes them in, however many signals arrive meanwhile.
        if (session != null && log.noteRelayed(session, clock, event, from)) {
            logWriter.beforeNextBatch(() -> queue.submit(() -> {
                log.takeInTaskRuns();
                takeInRelayed();
            }));
        }
    }

    /** Moves the relayed signals' entries into the log of their session, if it still runs; on the queue only. */
    private void takeInRelayed() {
        log.takeIn(status.isLive() ? sessionId : null);
    }

    private void announce() {
        announce(null, null);
    }

    /**
     * Tells the lobby and the metrics. Other instances were told first, before the parties' messages
     * ({@code bus.callChanged} ahead of the broadcast): each instance reads the call again before it hands its party
     * the message, so a party that answers it at once (Start after the end) is answered from the new state, never
     * from one its instance had not read yet.
     */
    private void announce(Role endedBy, CallEndReason reason) {
        metrics.callStatus(appointmentId, status);
        lobby.notify(doctorId, new ServerMessage.CallStatusChanged(appointmentId, status, liveStarter(), sessionId));
        lobby.callChanged(new CallListener.Change(appointmentId, doctorId, sessionId, status, startedBy, startedAt,
                status == CallStatus.ENDED ? endedAt : clock.instant(), endedBy, reason));
    }
}
