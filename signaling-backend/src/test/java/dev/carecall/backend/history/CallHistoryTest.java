package dev.carecall.backend.history;

import dev.carecall.backend.storage.CallSession;
import dev.carecall.protocol.CallEndReason;
import dev.carecall.protocol.CallEvent;
import dev.carecall.protocol.CallStatus;
import dev.carecall.protocol.Role;
import dev.carecall.protocol.rest.CallEventView;
import dev.carecall.protocol.rest.CallSessionView;
import dev.carecall.protocol.rest.ChatLineView;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CallHistoryTest {
    private static final Instant T0 = Instant.parse("2026-12-02T09:00:00Z");
    private static final List<CallEventView> LOG = List.of(new CallEventView(T0, CallEvent.START_CALL, Role.DOCTOR),
            new CallEventView(T0.plusSeconds(3), CallEvent.JOIN_CALL, Role.PATIENT),
            new CallEventView(T0.plusSeconds(4), CallEvent.OFFER, Role.DOCTOR),
            new CallEventView(T0.plusSeconds(60), CallEvent.CHAT, Role.PATIENT),
            new CallEventView(T0.plusSeconds(600), CallEvent.END_CALL, Role.DOCTOR));
    private static final CallSession ENDED = new CallSession(1, 2, CallStatus.ENDED, Role.DOCTOR, T0,
            T0.plusSeconds(3), T0.plusSeconds(600), Role.DOCTOR, CallEndReason.HANGUP, null, LOG);
    private static final List<ChatLineView> LINES = List.of(new ChatLineView(T0.plusSeconds(60), Role.PATIENT, "Hi"));

    @Test
    void theTimelineLeavesNegotiationAndChatOut() {
        CallSessionView view = CallHistory.view(ENDED, LOG, LINES, TranscriptSettings.DEFAULTS, List.of(), T0.plusSeconds(900));
        assertEquals(List.of(CallEvent.START_CALL, CallEvent.JOIN_CALL, CallEvent.END_CALL),
                view.timeline().stream().map(CallEventView::event).toList());
        assertEquals(LINES, view.transcript());
        assertEquals(LOG, view.events());
        assertNull(view.transcriptTruncated());
    }

    @Test
    void aTranscriptPastItsRetentionOrNeverStoredIsAbsentNotEmpty() {
        TranscriptSettings week = new TranscriptSettings(true, Duration.ofDays(7));
        assertEquals(LINES, CallHistory.view(ENDED, LOG, LINES, week, List.of(), T0.plus(Duration.ofDays(6))).transcript());
        assertNull(CallHistory.view(ENDED, LOG, List.of(), week, List.of(), T0.plus(Duration.ofDays(8))).transcript());
        TranscriptSettings off = new TranscriptSettings(false, null);
        assertNull(CallHistory.view(ENDED, LOG, List.of(), off, List.of(), T0).transcript());
        assertEquals(LINES, CallHistory.view(ENDED, LOG, LINES, off, List.of(), T0).transcript(), "stored before it was off");
        assertEquals(List.of(), CallHistory.view(ENDED, LOG, List.of(), TranscriptSettings.DEFAULTS, List.of(), T0).transcript(),
                "stored, and nobody wrote");
    }

    @Test
    void oldQualitySamplesInAStoredLogAreLeftOut() {
        List<CallEventView> old = new java.util.ArrayList<>(LOG);
        old.add(2, new CallEventView(T0.plusSeconds(10), CallEvent.QUALITY_SAMPLE, Role.PATIENT));
        CallSessionView view = CallHistory.view(ENDED, old, LINES, TranscriptSettings.DEFAULTS, List.of(),
                T0.plusSeconds(900));
        assertEquals(LOG, view.events());
    }

    @Test
    void aFullTranscriptSaysLaterLinesWereNotStored() {
        List<ChatLineView> full = Collections.nCopies(CallHistory.MAX_TRANSCRIPT_LINES, LINES.getFirst());
        assertTrue(CallHistory.view(ENDED, LOG, full, TranscriptSettings.DEFAULTS, List.of(), T0).transcriptTruncated());
    }
}
