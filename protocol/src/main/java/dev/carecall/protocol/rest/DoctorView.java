package dev.carecall.protocol.rest;

/**
 * A doctor as shown to others.
 *
 * @param id          database id
 * @param username    sign-in name
 * @param displayName name to show, e.g. "Dr. Ana Costa"
 */
public record DoctorView(long id, String username, String displayName) {
}
