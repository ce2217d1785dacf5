package dev.carecall.backend.storage;

import dev.carecall.protocol.CallEndReason;
import dev.carecall.protocol.CallStatus;
import dev.carecall.protocol.Role;
import dev.carecall.protocol.rest.CallEventView;

import java.time.Instant;
import java.util.List;

/**
 * One call of an appointment.
 *
 * @param id            session id
 * @param appointmentId its appointment
 * @param status        waiting, active or ended
 * @param startedBy     who started it
 * @param startedAt     when
 * @param joinedAt      when the second party joined, or null
 * @param endedAt       when it ended, or null
 * @param endedBy       who ended it, or null
 * @param endReason     why it ended, or null while it waits or runs (and for calls stored before reasons were)
 * @param emptySince    since when nobody has been in the waiting or running call, or null
 * @param events        the signaling log, without SDP bodies or candidates
 */
public record CallSession(long id, long appointmentId, CallStatus status, Role startedBy, Instant startedAt,
                          Instant joinedAt, Instant endedAt, Role endedBy, CallEndReason endReason,
                          Instant emptySince, List<CallEventView> events) {
    public CallSession {
        events = List.copyOf(events);
    }
}
