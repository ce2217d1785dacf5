package dev.carecall.backend.integration;

/**
 * A doctor in the integration API's answers; never a password.
 *
 * @param id          CareCall's user id
 * @param externalId  the clinic's id
 * @param username    what the doctor signs in with
 * @param displayName the name patients see
 */
record DoctorResource(long id, String externalId, String username, String displayName) {

    static DoctorResource of(ExternalDoctor d) {
        return new DoctorResource(d.id(), d.externalId(), d.username(), d.displayName());
    }
}
