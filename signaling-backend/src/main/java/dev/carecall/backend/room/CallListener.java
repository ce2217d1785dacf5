package dev.carecall.backend.room;

import dev.carecall.protocol.CallEndReason;
import dev.carecall.protocol.CallStatus;
import dev.carecall.protocol.Role;

import java.time.Instant;

/**
 * Hears every change of a call's status, after it is stored: how features outside the rooms (webhooks) follow
 * calls without reaching into them. Called on the room's queue: it must be quick and must not throw.
 */
@FunctionalInterface
public interface CallListener {
    /** Hears nothing. */
    CallListener NONE = change -> { };

    void changed(Change change);

    /**
     * One change of a call.
     *
     * @param appointmentId the appointment
     * @param doctorId      its doctor
     * @param sessionId     the call session
     * @param status        waiting (started), active (joined) or ended
     * @param startedBy     who started the call
     * @param startedAt     when it started
     * @param at            when this change happened
     * @param endedBy       who ended it (ended only; null when the server ended it)
     * @param reason        why it ended (ended only)
     */
    record Change(long appointmentId, long doctorId, long sessionId, CallStatus status, Role startedBy,
                  Instant startedAt, Instant at, Role endedBy, CallEndReason reason) {
    }
}
