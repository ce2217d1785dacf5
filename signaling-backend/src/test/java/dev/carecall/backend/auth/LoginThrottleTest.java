package dev.carecall.backend.auth;

import dev.carecall.backend.CareCallException;
import dev.carecall.protocol.ErrorCode;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoginThrottleTest {
    /** A clock the test moves by hand. */
    private static final class HandClock extends Clock {
        Instant now = Instant.parse("2026-05-04T10:00:00Z");

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

    private final HandClock clock = new HandClock();
    private final LoginThrottle throttle = new LoginThrottle(clock);

    @Test
    void fiveWrongPasswordsStopTheNameForAWhile() {
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            throttle.check("Demo-Doctor");
            throttle.failed("demo-doctor ");
        }
        CareCallException refused = assertThrows(CareCallException.class, () -> throttle.check("demo-doctor"));
        assertEquals(ErrorCode.RATE_LIMITED, refused.code());
        assertTrue(refused.getMessage().contains("Wait 5 minutes"), refused.getMessage());
        assertDoesNotThrow(() -> throttle.check("demo-doctor-2"), "other names are not affected");

        clock.now = clock.now.plus(LoginThrottle.WINDOW).plus(Duration.ofSeconds(1));
        assertDoesNotThrow(() -> throttle.check("demo-doctor"));
    }

    @Test
    void aSuccessfulSignInForgetsEarlierMistakes() {
        for (int i = 0; i < LoginThrottle.MAX_FAILURES - 1; i++) {
            throttle.failed("demo-doctor");
        }
        throttle.succeeded("demo-doctor");
        throttle.failed("demo-doctor");
        assertDoesNotThrow(() -> throttle.check("demo-doctor"));
    }
}
