package dev.carecall.backend.webhooks;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/**
 * The body of a webhook.
 *
 * @param id        the event's id, the same on every retry: receivers drop one they saw already
 * @param type      {@code call.started}, {@code call.joined}, {@code call.ended} or {@code patient.waiting}
 * @param createdAt when it happened
 * @param data      what happened
 */
record WebhookEvent(String id, String type, Instant createdAt, Data data) {

    /**
     * @param appointmentId   CareCall's appointment id
     * @param externalId      the clinic's id of the appointment, if it came through the integration API
     * @param sessionId       the call session
     * @param startedBy       who started the call: doctor or patient
     * @param startedAt       when the call started
     * @param endedAt         call.ended: when
     * @param endedBy         call.ended: who ended it (absent: the server did)
     * @param reason          call.ended: why (hangup, cancelled, abandoned, ...)
     * @param durationSeconds call.ended: seconds from start to end
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Data(long appointmentId, String externalId, long sessionId, String startedBy, Instant startedAt,
                Instant endedAt, String endedBy, String reason, Long durationSeconds) {
    }
}
