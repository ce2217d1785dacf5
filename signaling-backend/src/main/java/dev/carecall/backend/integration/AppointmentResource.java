package dev.carecall.backend.integration;

import dev.carecall.protocol.CallStatus;

import java.time.Instant;

/**
 * An appointment in the integration API's answers.
 *
 * @param id               CareCall's appointment id
 * @param externalId       the clinic's id
 * @param doctorExternalId the doctor's clinic id, or null
 * @param doctorUsername   the doctor's user name
 * @param patientName      the patient's name
 * @param scheduledAt      when, in UTC
 * @param timeZone         the patient's time zone, or null
 * @param language         the patient's language, or null
 * @param email            the patient's address, or null
 * @param phone            the patient's number, or null
 * @param paymentStatus    unpaid, paid or refunded
 * @param cancelled        whether the clinic cancelled it
 * @param callStatus       where its call stands
 * @param joinUrl          the patient's join link (null once cancelled)
 */
record AppointmentResource(long id, String externalId, String doctorExternalId, String doctorUsername,
                           String patientName, Instant scheduledAt, String timeZone, String language, String email,
                           String phone, String paymentStatus, boolean cancelled, CallStatus callStatus,
                           String joinUrl) {

    static AppointmentResource of(ExternalAppointment a, String joinUrl) {
        return new AppointmentResource(a.id(), a.externalId(), a.doctorExternalId(), a.doctorUsername(),
                a.patientName(), a.scheduledAt(), a.timeZone(), a.language(), a.email(), a.phone(),
                a.payment().wireName(), a.cancelledAt() != null, a.callStatus(),
                a.cancelledAt() != null ? null : joinUrl);
    }
}
