package dev.carecall.protocol.rest;

import java.time.Instant;

/**
 * Answer to a successful sign-in.
 *
 * @param token     the Bearer token for REST and for {@code register}
 * @param expiresAt when the token stops working
 * @param doctor    who signed in
 */
public record LoginResponse(String token, Instant expiresAt, DoctorView doctor) {
}
