package dev.carecall.backend.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import dev.carecall.backend.CareCallException;
import dev.carecall.protocol.ErrorCode;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TokensTest {
    private static final String SECRET = "a test secret of at least thirty-two characters";
    private static final Instant NOW = Instant.parse("2026-05-04T10:00:00Z");
    private final Set<String> denied = new HashSet<>();
    private final Tokens tokens = new Tokens(SECRET, Clock.fixed(NOW, ZoneOffset.UTC), denied::contains);

    @Test
    void aDoctorTokenNamesTheDoctorAndHasATokenIdOfItsOwn() {
        Instant expiry = NOW.plus(Duration.ofHours(1));
        Caller.Doctor first = (Caller.Doctor) tokens.verify(tokens.doctorToken(7, "demo-doctor", expiry));
        Caller.Doctor second = (Caller.Doctor) tokens.verify(tokens.doctorToken(7, "demo-doctor", expiry));
        assertEquals(7, first.doctorId());
        assertEquals("demo-doctor", first.username());
        assertEquals(expiry, first.expiresAt());
        assertNotNull(first.tokenId());
        assertNotEquals(first.tokenId(), second.tokenId(), "two sign-ins are two tokens, signed out one by one");
    }

    @Test
    void aRevokedDoctorTokenIsRefusedAndAnotherOfTheSameDoctorIsNot() {
        String revoked = tokens.doctorToken(7, "demo-doctor", NOW.plusSeconds(600));
        String other = tokens.doctorToken(7, "demo-doctor", NOW.plusSeconds(600));
        denied.add(((Caller.Doctor) tokens.verify(revoked)).tokenId());
        assertEquals(ErrorCode.TOKEN_REVOKED,
                assertThrows(CareCallException.class, () -> tokens.verify(revoked)).code());
        assertEquals(7, ((Caller.Doctor) tokens.verify(other)).doctorId());
    }

    @Test
    void aTokenSignedBeforeTokenIdsExistedGetsOneFromItsSignatureAndCanBeRevoked() {
        String legacy = JWT.create().withIssuer("carecall").withSubject("doctor:7").withClaim("role", "doctor")
                .withClaim("username", "demo-doctor").withIssuedAt(NOW).withExpiresAt(NOW.plusSeconds(600))
                .sign(Algorithm.HMAC256(SECRET));
        String id = ((Caller.Doctor) tokens.verify(legacy)).tokenId();
        assertEquals(id, ((Caller.Doctor) tokens.verify(legacy)).tokenId(), "the same id every time");
        denied.add(id);
        assertEquals(ErrorCode.TOKEN_REVOKED,
                assertThrows(CareCallException.class, () -> tokens.verify(legacy)).code());
    }

    @Test
    void aPatientTokenNamesItsAppointmentAndLinkVersion() {
        assertEquals(new Caller.Patient(42, 3), tokens.verify(tokens.patientToken(42, 3, NOW.plusSeconds(60))));
        String legacy = JWT.create().withIssuer("carecall").withSubject("patient:42").withClaim("role", "patient")
                .withClaim("appointment", 42L).withExpiresAt(NOW.plusSeconds(60)).sign(Algorithm.HMAC256(SECRET));
        assertEquals(new Caller.Patient(42, 1), tokens.verify(legacy), "a link from before versions is version 1");
    }

    @Test
    void anExpiredTokenSaysSo() {
        String token = tokens.patientToken(42, 1, NOW.minusSeconds(1));
        assertEquals(ErrorCode.TOKEN_EXPIRED, assertThrows(CareCallException.class, () -> tokens.verify(token)).code());
    }

    @Test
    void aTokenSignedWithAnotherSecretOrTamperedIsInvalid() {
        Tokens other = new Tokens("another secret of at least thirty-two characters", Clock.systemUTC());
        String foreign = other.doctorToken(7, "demo-doctor", NOW.plusSeconds(60));
        assertEquals(ErrorCode.INVALID_TOKEN,
                assertThrows(CareCallException.class, () -> tokens.verify(foreign)).code());
        String good = tokens.patientToken(42, 1, NOW.plusSeconds(60));
        String[] parts = good.split("\\.");
        String forged = parts[0] + "." + tokens.patientToken(43, 1, NOW.plusSeconds(60)).split("\\.")[1] + "."
                + parts[2];
        assertEquals(ErrorCode.INVALID_TOKEN, assertThrows(CareCallException.class, () -> tokens.verify(forged)).code());
        String newer = parts[0] + "." + tokens.patientToken(42, 2, NOW.plusSeconds(60)).split("\\.")[1] + "."
                + parts[2];
        assertEquals(ErrorCode.INVALID_TOKEN, assertThrows(CareCallException.class, () -> tokens.verify(newer)).code(),
                "a link version cannot be raised by hand");
        assertEquals(ErrorCode.INVALID_TOKEN, assertThrows(CareCallException.class, () -> tokens.verify("")).code());
    }

    @Test
    void aShortSecretIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Tokens("short", Clock.systemUTC()));
    }
}
