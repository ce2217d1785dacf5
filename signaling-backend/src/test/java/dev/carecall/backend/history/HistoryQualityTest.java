package dev.carecall.backend.history;

import dev.carecall.backend.quality.QualitySummary;
import dev.carecall.protocol.CallEvent;
import dev.carecall.protocol.ClientKind;
import dev.carecall.protocol.Readiness.CandidateType;
import dev.carecall.protocol.Role;
import dev.carecall.protocol.rest.CallEventView;
import dev.carecall.protocol.rest.CallQualityView;
import dev.carecall.protocol.rest.QualityFigures;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class HistoryQualityTest {
    private static final Instant T0 = Instant.parse("2026-12-02T09:00:00Z");

    @Test
    void reconnectsCountComingBackAfterLeavingAndReplacedSockets() {
        CallQualityView q = HistoryQuality.of(List.of(
                at(0, CallEvent.START_CALL, Role.DOCTOR),
                at(5, CallEvent.CONNECTED, Role.PATIENT), // arriving is not coming back
                at(6, CallEvent.JOIN_CALL, Role.PATIENT),
                at(60, CallEvent.DISCONNECTED, Role.PATIENT),
                at(63, CallEvent.CONNECTED, Role.PATIENT),
                at(64, CallEvent.REJOIN_CALL, Role.PATIENT),
                at(90, CallEvent.RECONNECTED, Role.DOCTOR),
                at(120, CallEvent.END_CALL, Role.DOCTOR)), T0.plusSeconds(120), List.of());
        assertEquals(2, q.reconnects());
        assertEquals(0, q.mediaInterruptions());
        assertEquals(0, q.mediaInterruptedSeconds());
    }

    @Test
    void mediaInterruptionsAreCountedOncePerBreakAndLastUntilRestoredOrTheEnd() {
        CallQualityView q = HistoryQuality.of(List.of(
                at(10, CallEvent.MEDIA_INTERRUPTED, Role.PATIENT),
                at(12, CallEvent.MEDIA_INTERRUPTED, Role.PATIENT), // said again: the same break
                at(15, CallEvent.MEDIA_RESTORED, Role.PATIENT),
                at(11, CallEvent.MEDIA_INTERRUPTED, Role.DOCTOR),
                at(14, CallEvent.MEDIA_RESTORED, Role.DOCTOR),
                at(100, CallEvent.MEDIA_INTERRUPTED, Role.DOCTOR)), T0.plusSeconds(110), List.of());
        assertEquals(3, q.mediaInterruptions());
        assertEquals(5 + 3 + 10, q.mediaInterruptedSeconds());
    }

    @Test
    void eachSidesFiguresComeFromItsSummaryWithItsClientAndCandidatePair() {
        QualitySummary patient = new QualitySummary(7, Role.PATIENT, 40, 45, 300, 1.0, 12.0, 0.5, 15.0, 150, 90, 400,
                300, 10, 20, T0.plusSeconds(40), ClientKind.BROWSER, CandidateType.SRFLX, CandidateType.RELAY);
        CallQualityView q = HistoryQuality.of(List.of(), T0.plusSeconds(40), List.of(patient));
        assertEquals(new QualityFigures(40, 45.0, 300.0, 0.5, 15.0, 150L, 400L, 20, ClientKind.BROWSER,
                CandidateType.SRFLX, CandidateType.RELAY), q.patient(), "loss is what the side received");
        assertNull(q.doctor(), "a side that sent no report has no figures");
    }

    @Test
    void figuresNotReportedStayAbsent() {
        QualitySummary doctor = new QualitySummary(7, Role.DOCTOR, 2, null, null, null, null, null, null, null, null,
                null, null, 0, 0, T0, null, null, null);
        QualityFigures f = HistoryQuality.of(List.of(), T0, List.of(doctor)).doctor();
        assertEquals(2, f.samples());
        assertNull(f.medianRttMs());
        assertNull(f.client());
        assertNull(f.localCandidate());
    }

    private static CallEventView at(int second, CallEvent event, Role from) {
        return new CallEventView(T0.plusSeconds(second), event, from);
    }
}
