package dev.carecall.backend.storage;

import java.time.Instant;

/**
 * A row of the token deny-list.
 *
 * @param tokenId   the token's id (its JWT {@code jti})
 * @param revokedAt when it was revoked (signed out)
 * @param expiresAt when the token expires anyway; after that the row is deleted
 */
public record RevokedToken(String tokenId, Instant revokedAt, Instant expiresAt) {
}
