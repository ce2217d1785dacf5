package dev.carecall.backend.room;

import dev.carecall.backend.BackendSettings.CallGrace;
import dev.carecall.backend.storage.CareCallStore;
import dev.carecall.protocol.CallEndReason;
import dev.carecall.protocol.Role;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Ends waiting or running calls that nobody is in, so none stays {@code waiting} or {@code active} with nobody there:
 * after a restart, a call whose parties did not re-register within {@link CallGrace#afterRestart()} ends as
 * {@code server_restart}; a call both parties left ends as {@code abandoned} after {@link CallGrace#abandonAfter()}.
 * The timer only triggers; the check and the end run on the room's queue, against the room's state at that moment.
 */
final class EmptyCalls {
    private static final System.Logger LOG = System.getLogger(EmptyCalls.class.getName());

    private final ScheduledExecutorService timer;
    private final CallGrace grace;
    private final Clock clock;

    EmptyCalls(ScheduledExecutorService timer, CallGrace grace, Clock clock) {
        this.timer = timer;
        this.grace = grace;
        this.clock = clock;
    }

    /**
     * Whether a live call with nobody in it ends now, and why.
     *
     * @param emptySince     since when nobody has been in it (null: someone is)
     * @param awaitingReturn found live at start-up and nobody came back since
     * @param now            the time now
     * @param grace          the grace periods
     */
    static Optional<CallEndReason> verdict(Instant emptySince, boolean awaitingReturn, Instant now, CallGrace grace) {
        if (emptySince == null) {
            return Optional.empty();
        }
        Duration empty = Duration.between(emptySince, now);
        if (awaitingReturn) {
            return empty.compareTo(grace.afterRestart()) >= 0 ? Optional.of(CallEndReason.SERVER_RESTART)
                    : Optional.empty();
        }
        return empty.compareTo(grace.abandonAfter()) >= 0 ? Optional.of(CallEndReason.ABANDONED) : Optional.empty();
    }

    /**
     * At start-up, once the server listens: takes over the calls the database says wait or run (their last process
     * died with them). Each that nobody has re-registered to yet gets its grace period for the parties to come back
     * and carry on as the same session, else it ends. Returns how many there were.
     */
    int takeOver(CareCallStore store, Rooms rooms) {
        List<Long> live = store.liveCallAppointments();
        for (long appointmentId : live) {
            store.findAppointment(appointmentId).ifPresent(appointment -> {
                Room room = rooms.room(appointment);
                room.queue.call(() -> {
                    Long session = room.foundAtStart();
                    if (session != null) {
                        watch(room, session);
                    }
                    return null;
                });
            });
        }
        if (!live.isEmpty()) {
            LOG.log(Level.INFO, live.size() + " call(s) were live when the server last stopped; waiting for "
                    + "their parties to come back");
        }
        return live.size();
    }

    /** Checks the room's session when its grace runs out. Call on the room's queue, after it became empty. */
    void watch(Room room, long sessionId) {
        Instant since = room.emptySince();
        if (since == null) {
            return;
        }
        Duration period = room.awaitingReturn() ? grace.afterRestart() : grace.abandonAfter();
        long delay = Math.max(0, Duration.between(clock.instant(), since.plus(period)).toMillis());
        // Only the newest watch of a room counts: an older one would re-arm itself after someone came and went.
        long watch = room.newEmptyWatch();
        timer.schedule(() -> room.queue.submit(() -> check(room, sessionId, watch)), delay, TimeUnit.MILLISECONDS);
    }

    private void check(Room room, long sessionId, long watch) {
        if (!room.status().isLive() || room.sessionId() == null || room.sessionId() != sessionId
                || room.emptyWatch() != watch) {
            return;
        }
        if (room.seats.connected(Role.DOCTOR) || room.seats.connected(Role.PATIENT)) {
            room.occupied(); // back on another instance (several instances): not empty any more
            return;
        }
        Optional<CallEndReason> reason = verdict(room.emptySince(), room.awaitingReturn(), clock.instant(), grace);
        if (reason.isPresent()) {
            LOG.log(Level.INFO, "ending session " + sessionId + " of appointment " + room.appointmentId
                    + ": " + reason.get().wireName());
            room.end(null, "server", reason.get());
        } else {
            watch(room, sessionId); // woke a little early, or still empty since a later time
        }
    }
}
