package dev.carecall.backend.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import dev.carecall.backend.CareCallException;
import dev.carecall.protocol.ErrorCode;

import java.time.Clock;
import java.time.Instant;

/** Issues and checks the HMAC-signed JWTs of doctors (sign-in) and patients (join links). */
public final class Tokens {
    private static final String ISSUER = "carecall";
    private static final String ROLE = "role";
    private static final String USERNAME = "username";
    private static final String APPOINTMENT = "appointment";

    private final Algorithm algorithm;
    private final JWTVerifier verifier;
    private final Clock clock;

    public Tokens(String secret, Clock clock) {
        if (secret == null || secret.length() < 32) {
            throw new IllegalArgumentException("the token secret must have at least 32 characters");
        }
        this.algorithm = Algorithm.HMAC256(secret);
        this.clock = clock;
        this.verifier = ((JWTVerifier.BaseVerification) JWT.require(algorithm).withIssuer(ISSUER)).build(clock);
    }

    /** A doctor's sign-in token. */
    public String doctorToken(long doctorId, String username, Instant expiresAt) {
        return JWT.create().withIssuer(ISSUER).withSubject("doctor:" + doctorId).withClaim(ROLE, "doctor")
                .withClaim(USERNAME, username).withIssuedAt(clock.instant()).withExpiresAt(expiresAt)
                .sign(algorithm);
    }

    /** The token of an appointment's patient join link: valid for that appointment only. */
    public String patientToken(long appointmentId, Instant expiresAt) {
        return JWT.create().withIssuer(ISSUER).withSubject("patient:" + appointmentId).withClaim(ROLE, "patient")
                .withClaim(APPOINTMENT, appointmentId).withIssuedAt(clock.instant()).withExpiresAt(expiresAt)
                .sign(algorithm);
    }

    /** Checks signature, issuer and expiry; says who the token belongs to. */
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
                return new Caller.Doctor(Long.parseLong(subject.substring("doctor:".length())),
                        jwt.getClaim(USERNAME).asString());
            }
            Long appointment = jwt.getClaim(APPOINTMENT).asLong();
            if ("patient".equals(role) && appointment != null) {
                return new Caller.Patient(appointment);
            }
        } catch (NumberFormatException e) {
            // falls through: a token we signed never has a malformed subject
        }
        throw new CareCallException(ErrorCode.INVALID_TOKEN, "This sign-in or link is not valid.");
    }
}
