package dev.carecall.backend.history;

import dev.carecall.backend.quality.QualitySummary;
import dev.carecall.backend.storage.CallSession;
import dev.carecall.protocol.CallEvent;
import dev.carecall.protocol.rest.CallEventView;
import dev.carecall.protocol.rest.CallSessionView;
import dev.carecall.protocol.rest.ChatLineView;

import java.time.Instant;
import java.util.List;

/** One call session as {@code call-history} shows it: its log, timeline, transcript and quality. */
public final class CallHistory {
    /** Chat lines kept per session: a consultation writes dozens; a flood must not grow the table without end. */
    public static final int MAX_TRANSCRIPT_LINES = 1000;

    private CallHistory() {
    }

    /**
     * @param session     the session as stored
     * @param log         its log (the room's own while the call runs: fresher than the stored one)
     * @param transcript  its chat lines, oldest first
     * @param transcripts whether chat is stored and how long: a transcript that is not kept is absent, not empty
     * @param quality     the sides' summaries of their quality reports
     * @param now         the end of what is still open in a call that runs
     */
    public static CallSessionView view(CallSession session, List<CallEventView> log, List<ChatLineView> transcript,
                                       TranscriptSettings transcripts, List<QualitySummary> quality, Instant now) {
        // Logs stored by earlier servers hold quality samples; the quality summaries have replaced them.
        List<CallEventView> events = log.stream().filter(e -> e.event() != CallEvent.QUALITY_SAMPLE).toList();
        Instant end = session.endedAt() != null ? session.endedAt() : now;
        boolean kept = transcripts.kept(session.endedAt(), now) && (transcripts.store() || !transcript.isEmpty());
        return new CallSessionView(session.id(), session.status(), session.startedBy(), session.startedAt(),
                session.joinedAt(), session.endedAt(), session.endedBy(), events, session.endReason(),
                events.stream().filter(e -> e.event().onTimeline()).toList(), kept ? transcript : null,
                kept && transcript.size() >= MAX_TRANSCRIPT_LINES ? Boolean.TRUE : null,
                session.joinedAt() == null ? null : HistoryQuality.of(events, end, quality));
    }
}
