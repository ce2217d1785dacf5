package dev.carecall.protocol.rest;

/**
 * Body of {@code POST /api/appointments/{id}/waiting-message}: the doctor's words to the waiting patient.
 *
 * @param text 1–500 characters, not blank ({@code Protocol.MAX_WAITING_TEXT_LENGTH})
 */
public record WaitingMessageRequest(String text) {
}
