package dev.carecall.protocol.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.carecall.protocol.CallStatus;
import dev.carecall.protocol.Role;

import java.time.Instant;

/**
 * Body of {@code GET /api/appointments/{id}/call-status} and of the start/join/end-call answers.
 *
 * @param appointmentId    the appointment
 * @param callStatus       the call's status
 * @param sessionId        the current or last call session, or null
 * @param startedBy        who started the current or last call, or null
 * @param startedAt        when it started, or null
 * @param endedAt          when it ended, or null
 * @param doctorConnected  whether the doctor has a socket in the room now
 * @param patientConnected whether the patient has a socket in the room now
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CallStatusView(long appointmentId, CallStatus callStatus, Long sessionId, Role startedBy,
                             Instant startedAt, Instant endedAt, boolean doctorConnected, boolean patientConnected) {
}
