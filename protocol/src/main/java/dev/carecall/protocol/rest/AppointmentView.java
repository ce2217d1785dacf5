package dev.carecall.protocol.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.carecall.protocol.CallStatus;
import dev.carecall.protocol.Role;

import java.time.Instant;

/**
 * An appointment as {@code GET /api/appointments} and {@code GET /api/appointments/{id}} show it.
 *
 * @param id            appointment id, also the WebSocket room
 * @param patientName   the patient's name
 * @param doctorName    the doctor's display name
 * @param scheduledAt   when it is scheduled
 * @param paid          only paid appointments can have a call
 * @param callStatus    the call's status
 * @param callStartedBy who started the current or last call, or null
 * @param callStartedAt when the current or last call started, or null
 * @param callEndedAt   when the last call ended, or null
 * @param joinUrl       the patient's join link; only for the doctor, null for the patient
 * @param cancelled     true when the clinic cancelled it (since 1; absent means false)
 * @param invitation    only for the doctor: whether the invitation reached the patient's mail or phone:
 *                      {@code no_contact} (no e-mail address or mobile number known), {@code none},
 *                      {@code pending}, {@code sent}, {@code failed} (since 1)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AppointmentView(long id, String patientName, String doctorName, Instant scheduledAt, boolean paid,
                              CallStatus callStatus, Role callStartedBy, Instant callStartedAt, Instant callEndedAt,
                              String joinUrl, Boolean cancelled, String invitation) {
}
