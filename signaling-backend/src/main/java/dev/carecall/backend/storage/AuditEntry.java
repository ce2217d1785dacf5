package dev.carecall.backend.storage;

import java.time.Instant;

/**
 * One line of the audit log: who did what when.
 *
 * @param at            when
 * @param actor         e.g. {@code doctor:demo-doctor} or {@code patient:12}
 * @param action        e.g. {@code login}, {@code login-failed}, {@code start-call}, {@code join-call}, {@code end-call}
 * @param appointmentId the appointment concerned, or null
 * @param detail        free text, or null
 */
public record AuditEntry(Instant at, String actor, String action, Long appointmentId, String detail) {
}
