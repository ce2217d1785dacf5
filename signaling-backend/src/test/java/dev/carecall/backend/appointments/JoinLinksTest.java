package dev.carecall.backend.appointments;

import dev.carecall.backend.CareCallException;
import dev.carecall.backend.auth.Caller;
import dev.carecall.backend.auth.Tokens;
import dev.carecall.protocol.ErrorCode;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JoinLinksTest {
    private static final Instant APPOINTMENT = Instant.parse("2026-05-04T10:00:00Z");
    private final HandClock clock = new HandClock(APPOINTMENT.minus(Duration.ofDays(1)));
    private final Tokens tokens = new Tokens("a test secret of at least thirty-two characters", clock);
    private final JoinLinks links = new JoinLinks(tokens, Duration.ofHours(2), clock);

    @Test
    void aLinkSentTheDayBeforeWorksUntilTwoHoursAfterTheAppointment() {
        String token = links.token(7, 1, APPOINTMENT);
        clock.now = APPOINTMENT.plus(Duration.ofMinutes(119));
        assertEquals(new Caller.Patient(7, 1), tokens.verify(token));
        clock.now = APPOINTMENT.plus(Duration.ofMinutes(121));
        assertEquals(ErrorCode.TOKEN_EXPIRED, assertThrows(CareCallException.class, () -> tokens.verify(token)).code());
    }

    @Test
    void aLinkMadeAfterTheAppointmentWorksForTwoHoursFromThen() {
        clock.now = APPOINTMENT.plus(Duration.ofHours(3));
        String token = links.token(7, 2, APPOINTMENT);
        clock.now = clock.now.plus(Duration.ofMinutes(119));
        assertEquals(new Caller.Patient(7, 2), tokens.verify(token));
    }

    @Test
    void theUrlCarriesTheVersionInItsToken() {
        String url = links.url(URI.create("https://clinic.example.org:8443/"), 7, 3, APPOINTMENT);
        assertTrue(url.startsWith("https://clinic.example.org:8443/join/7?token="), url);
        assertEquals(new Caller.Patient(7, 3), tokens.verify(url.substring(url.indexOf("token=") + 6)));
    }

    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {
        Instant now;

        HandClock(Instant start) {
            now = start;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
