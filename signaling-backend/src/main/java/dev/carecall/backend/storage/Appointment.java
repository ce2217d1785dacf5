package dev.carecall.backend.storage;

import dev.carecall.protocol.CallStatus;
import dev.carecall.protocol.Role;

import java.time.Instant;

/**
 * An appointment with its doctor's and patient's names and where its call stands.
 *
 * @param id            appointment id, also the room's id
 * @param doctorId      the doctor's user id
 * @param doctorName    the doctor's display name
 * @param patientId     the patient's id
 * @param patientName   the patient's name
 * @param scheduledAt   when it is scheduled
 * @param paid          only paid appointments can have a call
 * @param callStatus    the call's status
 * @param callStartedBy who started the current or last call, or null
 * @param callStartedAt when the current or last call started, or null
 * @param callEndedAt   when the last call ended, or null
 * @param cancelled     cancelled by the clinic: its link no longer works and no call can start
 * @param linkVersion   the join link's version: a patient token of an older one is refused (LINK_REPLACED)
 */
public record Appointment(long id, long doctorId, String doctorName, long patientId, String patientName,
                          Instant scheduledAt, boolean paid, CallStatus callStatus, Role callStartedBy,
                          Instant callStartedAt, Instant callEndedAt, boolean cancelled, int linkVersion) {
}
