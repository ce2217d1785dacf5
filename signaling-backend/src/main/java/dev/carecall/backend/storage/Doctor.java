package dev.carecall.backend.storage;

/**
 * A doctor's account.
 *
 * @param id           database id
 * @param username     sign-in name
 * @param passwordHash bcrypt hash of the password
 * @param displayName  name shown to patients, e.g. "Dr. Ana Costa"
 */
public record Doctor(long id, String username, String passwordHash, String displayName) {
}
