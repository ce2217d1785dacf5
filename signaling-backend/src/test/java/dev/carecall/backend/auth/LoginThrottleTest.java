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

    private static final String DESK = "10.0.0.7";
    private static final String STRANGER = "203.0.113.9";

    @Test
    void wrongPasswordsFromOneAddressMakeTheNextAttemptWaitLongerEachTimeButNeverForGood() {
        for (int i = 0; i < LoginThrottle.PAIR_FREE - 1; i++) {
            throttle.check("Demo-Doctor", STRANGER);
            throttle.failed("demo-doctor ", STRANGER);
        }
        throttle.check("demo-doctor", STRANGER);
        throttle.failed("demo-doctor", STRANGER);
        CareCallException refused = assertThrows(CareCallException.class,
                () -> throttle.check(" DEMO-DOCTOR ", STRANGER), "names are trimmed and of one case");
        assertEquals(ErrorCode.RATE_LIMITED, refused.code());
        assertTrue(refused.getMessage().contains("Wait 1 second"), refused.getMessage());
        assertDoesNotThrow(() -> throttle.check("demo-doctor-2", STRANGER), "other names are not affected");

        clock.now = clock.now.plusSeconds(1);
        throttle.check("demo-doctor", STRANGER);
        throttle.failed("demo-doctor", STRANGER);
        clock.now = clock.now.plusSeconds(1);
        assertThrows(CareCallException.class, () -> throttle.check("demo-doctor", STRANGER),
                "the second wait is longer than the first");
        clock.now = clock.now.plusSeconds(1);
        assertDoesNotThrow(() -> throttle.check("demo-doctor", STRANGER), "and it ends");
    }

    @Test
    void aStrangersGuessesNeverKeepTheDoctorOutAtTheirUsualDesk() {
        throttle.succeeded("demo-doctor", DESK);
        for (int i = 0; i < 200; i++) {
            clock.now = clock.now.plus(Duration.ofMinutes(1));
            throttle.failed("demo-doctor", STRANGER);
            throttle.failed("demo-doctor", "198.51.100." + (i % 250));
        }
        assertThrows(CareCallException.class, () -> throttle.check("demo-doctor", "192.0.2.1"),
                "a new address waits while the account is under attack");
        assertDoesNotThrow(() -> throttle.check("demo-doctor", DESK), "the known desk does not");
    }

    @Test
    void theAccountsWaitFromNewAddressesStaysShort() {
        for (int i = 0; i < 100; i++) {
            throttle.failed("demo-doctor", "198.51.100." + i);
        }
        CareCallException refused = assertThrows(CareCallException.class,
                () -> throttle.check("demo-doctor", "192.0.2.1"));
        assertTrue(refused.getMessage().contains("Wait 1 minute"), refused.getMessage());
        clock.now = clock.now.plus(LoginThrottle.ACCOUNT_MAX_WAIT);
        assertDoesNotThrow(() -> throttle.check("demo-doctor", "192.0.2.1"));
    }

    @Test
    void attemptsWithoutAUsableNameCountForTheAddressOnly() {
        for (int i = 0; i < LoginThrottle.ADDRESS_FREE; i++) {
            throttle.check(null, STRANGER);
            throttle.failed(null, STRANGER);
        }
        assertThrows(CareCallException.class, () -> throttle.check(null, STRANGER));
        assertThrows(CareCallException.class, () -> throttle.check("demo-doctor", STRANGER));
        assertDoesNotThrow(() -> throttle.check("demo-doctor", DESK));
    }

    @Test
    void aSuccessfulSignInForgetsEarlierMistakes() {
        for (int i = 0; i < LoginThrottle.PAIR_FREE - 1; i++) {
            throttle.failed("demo-doctor", DESK);
        }
        throttle.succeeded("demo-doctor", DESK);
        throttle.failed("demo-doctor", DESK);
        assertDoesNotThrow(() -> throttle.check("demo-doctor", DESK));
    }

    @Test
    void aFloodOfInventedNamesAndAddressesStaysBoundedAndIsForgotten() {
        for (int i = 0; i < 120_000; i++) {
            throttle.failed("name-" + i, "10." + (i >> 16 & 255) + "." + (i >> 8 & 255) + "." + (i & 255));
        }
        assertTrue(throttle.size() <= 3 * LoginThrottle.MAX_ENTRIES, "entries: " + throttle.size());
        clock.now = clock.now.plus(LoginThrottle.FORGET_AFTER).plusSeconds(1);
        assertEquals(0, throttle.size(), "counts expire after their last failure");
    }
}
