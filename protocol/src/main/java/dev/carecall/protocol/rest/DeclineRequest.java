package dev.carecall.protocol.rest;

/**
 * Body of {@code POST /api/appointments/{id}/decline}: why the doctor cannot see the waiting patient now.
 *
 * @param reason 1–500 characters, not blank ({@code Protocol.MAX_WAITING_TEXT_LENGTH}); the patient reads it
 */
public record DeclineRequest(String reason) {
}
