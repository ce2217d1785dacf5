package dev.carecall.protocol.rest;

/**
 * Body of {@code POST /api/auth/login}.
 *
 * @param username the doctor's user name
 * @param password the doctor's password
 */
public record LoginRequest(String username, String password) {
}
