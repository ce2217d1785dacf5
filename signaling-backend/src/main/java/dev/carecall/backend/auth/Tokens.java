package dev.carecall.backend.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import dev.carecall.backend.CareCallException;
import dev.carecall.protocol.ErrorCode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Issues and checks the HMAC-signed JWTs of doctors (sign-in) and patients (join links). A doctor's token carries a
 * token id ({@code jti}) that signing out puts on the deny-list; a patient's carries its link's version.
 */
public final class Tokens {
    private static final String ISSUER = "carecall";
    private static final String ROLE = "role";
    private static final String USERNAME = "username";
    private static final String APPOINTMENT = "appointment";
    private static final String LINK_VERSION = "linkVersion";

    private final Algorithm algorithm;
    private final JWTVerifier verifier;
    private final Clock clock;
    private final Predicate<String> revoked;

    /** Tokens that cannot be revoked (the admin commands, which only issue links). */
    public Tokens(String secret, Clock clock) {
        this(secret, clock, tokenId -> false);
    }

    /**
     * @param revoked whether a doctor token's id is on the deny-list; asked for every doctor token that verifies,
     *                so it must answer from memory (see {@link RevokedTokens})
     */
    public Tokens(String secret, Clock clock, Predicate<String> revoked) {
        if (secret == null || secret.length() < 32) {
            throw new IllegalArgumentException("the token secret must have at least 32 characters");
        }
        this.algorithm = Algorithm.HMAC256(secret);
        this.clock = clock;
        this.revoked = revoked;
        this.verifier = ((JWTVerifier.BaseVerification) JWT.require(algorithm).withIssuer(ISSUER)).build(clock);
    }

    /** A doctor's sign-in token, with a token id of its own. */
    public String doctorToken(long doctorId, String username, Instant expiresAt) {
        return JWT.create().withIssuer(ISSUER).withSubject("doctor:" + doctorId).withClaim(ROLE, "doctor")
                .withClaim(USERNAME, username).withJWTId(UUID.randomUUID().toString())
                .withIssuedAt(clock.instant()).withExpiresAt(expiresAt).sign(algorithm);
    }

    /** The token of an appointment's patient join link: valid for that appointment and that link version only. */
    public String patientToken(long appointmentId, int linkVersion, Instant expiresAt) {
        return JWT.create().withIssuer(ISSUER).withSubject("patient:" + appointmentId).withClaim(ROLE, "patient")
                .withClaim(APPOINTMENT, appointmentId).withClaim(LINK_VERSION, linkVersion)
                .withIssuedAt(clock.instant()).withExpiresAt(expiresAt).sign(algorithm);
    }

    /** Checks signature, issuer, expiry and the deny-list; says who the token belongs to. */
    public Caller verify(String token) {
        if (token == null || token.isBlank()) {
            throw new CareCallException(ErrorCode.INVALID_TOKEN, "Please sign in: no token was sent.");
        }
        DecodedJWT jwt;
        try {
            jwt = verifier.verify(token);
        } catch (TokenExpiredException e) {
            throw new CareCallException(ErrorCode.TOKEN_EXPIRED,
                    "This sign-in or link has expired. Doctors: sign in again. Patients: ask the practice for a "
                            + "new link.");
        } catch (JWTVerificationException e) {
            throw new CareCallException(ErrorCode.INVALID_TOKEN,
                    "This sign-in or link is not valid. Doctors: sign in again. Patients: open the link exactly "
                            + "as you received it.");
        }
        String role = jwt.getClaim(ROLE).asString();
        String subject = jwt.getSubject();
        try {
            if ("doctor".equals(role) && subject != null && subject.startsWith("doctor:")) {
                Caller.Doctor doctor = new Caller.Doctor(Long.parseLong(subject.substring("doctor:".length())),
                        jwt.getClaim(USERNAME).asString(), tokenId(jwt), jwt.getExpiresAtAsInstant());
                if (revoked.test(doctor.tokenId())) {
                    throw new CareCallException(ErrorCode.TOKEN_REVOKED,
                            "You signed out with this sign-in, so it no longer works. Sign in again.");
                }
                return doctor;
            }
            Long appointment = jwt.getClaim(APPOINTMENT).asLong();
            if ("patient".equals(role) && appointment != null) {
                Integer version = jwt.getClaim(LINK_VERSION).asInt();
                return new Caller.Patient(appointment, version == null ? 1 : version);
            }
        } catch (NumberFormatException e) {
            // falls through: a token we signed never has a malformed subject
        }
        throw new CareCallException(ErrorCode.INVALID_TOKEN, "This sign-in or link is not valid.");
    }

    /**
     * The token's id. Tokens signed before token ids existed have none; theirs is derived from the signature, which
     * is unique per token, so they can be signed out as well.
     */
    private static String tokenId(DecodedJWT jwt) {
        String id = jwt.getId();
        if (id != null && !id.isBlank() && id.length() <= 64) {
            return id;
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256")
                    .digest(jwt.getSignature().getBytes(StandardCharsets.US_ASCII));
            return "sig:" + Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
