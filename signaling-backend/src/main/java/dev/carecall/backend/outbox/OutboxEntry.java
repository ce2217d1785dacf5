package dev.carecall.backend.outbox;

/**
 * One delivery in the outbox.
 *
 * @param id            row id
 * @param kind          what it is
 * @param target        where it goes: a service key's id (webhook), an address or number (mail, SMS)
 * @param dedupeKey     what makes it unique, e.g. {@code webhook:3:call.ended:17}
 * @param payload       what is sent (JSON)
 * @param appointmentId the appointment it concerns, or null
 * @param status        pending, sent or failed
 * @param attempts      attempts made so far
 * @param lastError     why the last attempt failed, or null
 */
public record OutboxEntry(long id, OutboxKind kind, String target, String dedupeKey, String payload,
                          Long appointmentId, String status, int attempts, String lastError) {
    public static final String PENDING = "pending";
    public static final String SENT = "sent";
    public static final String FAILED = "failed";
}
