package dev.carecall.backend.integration;

/**
 * A doctor under the clinic's id.
 *
 * @param id          the user id
 * @param externalId  the clinic's id
 * @param username    what the doctor signs in with
 * @param displayName the name patients see
 */
record ExternalDoctor(long id, String externalId, String username, String displayName) {
}
