package dev.carecall.backend.integration;

/**
 * One answer of the integration API, as it is sent and as it is kept for a repeated Idempotency-Key.
 *
 * @param status the HTTP status
 * @param json   the body
 */
record Answer(int status, String json) {
}
