package dev.carecall.backend.integration;

import dev.carecall.protocol.CallStatus;

import java.time.Instant;

/**
 * An appointment as the clinic's systems know it: under their {@code externalId}, with the patient's contact
 * details and the payment state.
 *
 * @param id               CareCall's appointment id (the room's id)
 * @param externalId       the clinic's id
 * @param doctorId         the doctor's user id
 * @param doctorExternalId the doctor's clinic id, or null for a doctor added on the command line
 * @param doctorUsername   the doctor's user name
 * @param doctorName       the doctor's display name
 * @param patientId        the patient's id
 * @param patientName      the patient's name
 * @param scheduledAt      when
 * @param email            the patient's address for invitations, or null
 * @param phone            the patient's number for SMS invitations (E.164), or null
 * @param language         the patient's language (en, de, es, fr), or null
 * @param timeZone         the patient's time zone (e.g. Europe/Berlin), or null
 * @param payment          unpaid, paid or refunded
 * @param cancelledAt      when it was cancelled, or null
 * @param callStatus       where its call stands
 * @param linkVersion      the join link's version: a link of an older one is refused (LINK_REPLACED)
 */
public record ExternalAppointment(long id, String externalId, long doctorId, String doctorExternalId,
                                  String doctorUsername, String doctorName, long patientId, String patientName, Instant scheduledAt,
                                  String email, String phone, String language, String timeZone,
                                  PaymentStatus payment, Instant cancelledAt, CallStatus callStatus,
                                  int linkVersion) {
}
