package dev.carecall.backend.history;

import dev.carecall.protocol.CallEvent;
import dev.carecall.protocol.QualityLevel;
import dev.carecall.protocol.Role;
import dev.carecall.protocol.rest.CallEventView;
import dev.carecall.protocol.rest.CallQualityView;
import dev.carecall.protocol.rest.QualityFigures;
import dev.carecall.protocol.rest.QualitySample;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class QualitySummaryTest {
    private static final Instant T0 = Instant.parse("2026-12-02T09:00:00Z");

    @Test
    void reconnectsCountComingBackAfterLeavingAndReplacedSockets() {
        CallQualityView q = QualitySummary.of(List.of(
                at(0, CallEvent.START_CALL, Role.DOCTOR),
                at(5, CallEvent.CONNECTED, Role.PATIENT), // arriving is not coming back
                at(6, CallEvent.JOIN_CALL, Role.PATIENT),
                at(60, CallEvent.DISCONNECTED, Role.PATIENT),
                at(63, CallEvent.CONNECTED, Role.PATIENT),
                at(64, CallEvent.REJOIN_CALL, Role.PATIENT),
                at(90, CallEvent.RECONNECTED, Role.DOCTOR),
                at(120, CallEvent.END_CALL, Role.DOCTOR)), T0.plusSeconds(120));
        assertEquals(2, q.reconnects());
        assertEquals(0, q.mediaInterruptions());
        assertEquals(0, q.mediaInterruptedSeconds());
    }

    @Test
    void mediaInterruptionsAreCountedOncePerBreakAndLastUntilRestoredOrTheEnd() {
        CallQualityView q = QualitySummary.of(List.of(
                at(10, CallEvent.MEDIA_INTERRUPTED, Role.PATIENT),
                at(12, CallEvent.MEDIA_INTERRUPTED, Role.PATIENT), // said again: the same break
                at(15, CallEvent.MEDIA_RESTORED, Role.PATIENT),
                at(11, CallEvent.MEDIA_INTERRUPTED, Role.DOCTOR),
                at(14, CallEvent.MEDIA_RESTORED, Role.DOCTOR),
                at(100, CallEvent.MEDIA_INTERRUPTED, Role.DOCTOR)), T0.plusSeconds(110));
        assertEquals(3, q.mediaInterruptions());
        assertEquals(5 + 3 + 10, q.mediaInterruptedSeconds());
    }

    @Test
    void eachSidesSamplesGiveMediansWorstsAndTimeAtPoor() {
        List<CallEventView> log = List.of(
                sample(0, Role.PATIENT, QualityLevel.GOOD, 40.0, 0.0, 900L, 1200L),
                sample(10, Role.PATIENT, QualityLevel.POOR, 300.0, 12.5, 150L, 400L),
                sample(20, Role.PATIENT, QualityLevel.POOR, 280.0, 15.0, 120L, 380L),
                sample(30, Role.PATIENT, QualityLevel.GOOD, 45.0, 0.5, 880L, 1150L),
                sample(5, Role.DOCTOR, QualityLevel.FAIR, null, 2.0, null, 800L),
                sample(200, Role.DOCTOR, QualityLevel.POOR, 500.0, 20.0, 100L, 100L));
        CallQualityView q = QualitySummary.of(log, T0.plusSeconds(400));

        QualityFigures patient = q.patient();
        assertEquals(new QualityFigures(4, 45.0, 300.0, 0.5, 15.0, 150L, 400L, 20), patient);
        // The doctor's last sample is poor, but a sample speaks for at most a minute, not the 200 s to the end.
        QualityFigures doctor = q.doctor();
        assertEquals(2, doctor.samples());
        assertEquals(500.0, doctor.medianRttMs(), "only samples that carry a figure count for it");
        assertEquals(2.0, doctor.medianLossPercent());
        assertEquals(60, doctor.secondsPoor());
    }

    @Test
    void aSideWithoutSamplesHasNoFigures() {
        CallQualityView q = QualitySummary.of(List.of(sample(0, Role.DOCTOR, QualityLevel.GOOD, 20.0, 0.0, 1L, 1L)),
                T0.plusSeconds(10));
        assertNull(q.patient());
        assertEquals(0, q.doctor().secondsPoor());
    }

    private static CallEventView at(int second, CallEvent event, Role from) {
        return new CallEventView(T0.plusSeconds(second), event, from);
    }

    private static CallEventView sample(int second, Role from, QualityLevel level, Double rtt, Double loss,
                                        Long send, Long receive) {
        return new CallEventView(T0.plusSeconds(second), CallEvent.QUALITY_SAMPLE, from,
                new QualitySample(level, rtt, loss, send, receive));
    }
}
