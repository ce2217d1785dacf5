package dev.carecall.backend.room;

import dev.carecall.backend.BackendSettings.CallGrace;
import dev.carecall.protocol.CallEndReason;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** When a call nobody is in ends, and as what. */
class EmptyCallsTest {
    private static final CallGrace GRACE = new CallGrace(Duration.ofSeconds(8), Duration.ofMinutes(2));
    private static final Instant T = Instant.parse("2026-05-04T09:30:00Z");

    @Test
    void aCallSomeoneIsInNeverEnds() {
        assertEquals(Optional.empty(), EmptyCalls.verdict(null, false, T.plus(Duration.ofDays(1)), GRACE));
        assertEquals(Optional.empty(), EmptyCalls.verdict(null, true, T.plus(Duration.ofDays(1)), GRACE));
    }

    @Test
    void afterARestartTheCallEndsAsServerRestartOnceItsGraceIsOver() {
        assertEquals(Optional.empty(), EmptyCalls.verdict(T, true, T.plusMillis(7_999), GRACE));
        assertEquals(Optional.of(CallEndReason.SERVER_RESTART), EmptyCalls.verdict(T, true, T.plusSeconds(8), GRACE));
    }

    @Test
    void aCallBothLeftEndsAsAbandonedOnlyAfterTheLongerGrace() {
        assertEquals(Optional.empty(), EmptyCalls.verdict(T, false, T.plusSeconds(8), GRACE));
        assertEquals(Optional.empty(), EmptyCalls.verdict(T, false, T.plusSeconds(119), GRACE));
        assertEquals(Optional.of(CallEndReason.ABANDONED), EmptyCalls.verdict(T, false, T.plusSeconds(120), GRACE));
    }

    @Test
    void gracePeriodsCannotBeNegative() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new CallGrace(Duration.ofSeconds(-1), Duration.ofMinutes(2)));
    }
}
