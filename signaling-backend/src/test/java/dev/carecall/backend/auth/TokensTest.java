package dev.carecall.backend.auth;

import dev.carecall.backend.CareCallException;
import dev.carecall.protocol.ErrorCode;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TokensTest {
    private static final String SECRET = "a test secret of at least thirty-two characters";
    private static final Instant NOW = Instant.parse("2026-05-04T10:00:00Z");
    private final Tokens tokens = new Tokens(SECRET, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aDoctorTokenNamesTheDoctor() {
        assertEquals(new Caller.Doctor(7, "demo-doctor"),
                tokens.verify(tokens.doctorToken(7, "demo-doctor", NOW.plus(Duration.ofHours(1)))));
    }

    @Test
    void aPatientTokenNamesItsAppointmentOnly() {
        assertEquals(new Caller.Patient(42), tokens.verify(tokens.patientToken(42, NOW.plusSeconds(60))));
    }

    @Test
    void anExpiredTokenSaysSo() {
        String token = tokens.patientToken(42, NOW.minusSeconds(1));
        assertEquals(ErrorCode.TOKEN_EXPIRED, assertThrows(CareCallException.class, () -> tokens.verify(token)).code());
    }

    @Test
    void aTokenSignedWithAnotherSecretOrTamperedIsInvalid() {
        Tokens other = new Tokens("another secret of at least thirty-two characters", Clock.systemUTC());
        String foreign = other.doctorToken(7, "demo-doctor", NOW.plusSeconds(60));
        assertEquals(ErrorCode.INVALID_TOKEN,
                assertThrows(CareCallException.class, () -> tokens.verify(foreign)).code());
        String good = tokens.patientToken(42, NOW.plusSeconds(60));
        String[] parts = good.split("\\.");
        String forged = parts[0] + "." + tokens.patientToken(43, NOW.plusSeconds(60)).split("\\.")[1] + "." + parts[2];
        assertEquals(ErrorCode.INVALID_TOKEN, assertThrows(CareCallException.class, () -> tokens.verify(forged)).code());
        assertEquals(ErrorCode.INVALID_TOKEN, assertThrows(CareCallException.class, () -> tokens.verify("")).code());
    }

    @Test
    void aShortSecretIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Tokens("short", Clock.systemUTC()));
    }
}
