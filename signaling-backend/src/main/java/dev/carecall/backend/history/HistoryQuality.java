package dev.carecall.backend.history;

import dev.carecall.backend.quality.QualitySummary;
import dev.carecall.protocol.Role;
import dev.carecall.protocol.rest.CallEventView;
import dev.carecall.protocol.rest.CallQualityView;
import dev.carecall.protocol.rest.QualityFigures;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A call's quality for its history ({@link CallQualityView}): reconnects and media interruptions from the events every
 * call logs, and each side's figures from the summary the server keeps of that side's {@code quality} reports
 * ({@code call_quality}, {@link dev.carecall.backend.quality.CallQualities}).
 */
public final class HistoryQuality {
    private HistoryQuality() {
    }

    /**
     * @param events    the session's log, oldest first
     * @param end       when the call ended, or now for a call that still runs: the end of what is still open
     * @param summaries the sides' summaries of their reports (none, one or both)
     */
    public static CallQualityView of(List<CallEventView> events, Instant end, List<QualitySummary> summaries) {
        int reconnects = 0;
        int interruptions = 0;
        long interruptedMillis = 0;
        Map<Role, Boolean> away = new EnumMap<>(Role.class);
        Map<Role, Instant> interruptedSince = new EnumMap<>(Role.class);
        for (CallEventView e : events) {
            Role role = e.from();
            if (role == null) {
                continue;
            }
            switch (e.event()) {
                case DISCONNECTED -> away.put(role, true);
                case RECONNECTED -> {
                    reconnects++;
                    away.put(role, false);
                }
                case CONNECTED -> {
                    if (Boolean.TRUE.equals(away.put(role, false))) {
                        reconnects++;
                    }
                }
                case MEDIA_INTERRUPTED -> {
                    if (interruptedSince.putIfAbsent(role, e.at()) == null) {
                        interruptions++;
                    }
                }
                case MEDIA_RESTORED -> {
                    Instant since = interruptedSince.remove(role);
                    if (since != null) {
                        interruptedMillis += millisBetween(since, e.at());
                    }
                }
                case START_CALL, JOIN_CALL, REJOIN_CALL, END_CALL, OFFER, ANSWER, PRANSWER, ROLLBACK, CANDIDATE,
                     END_OF_CANDIDATES, MEDIA_STATE, SCREEN_SHARE_STARTED, SCREEN_SHARE_STOPPED, CHAT,
                     QUALITY_SAMPLE -> {
                    // not about the connection
                }
            }
        }
        for (Instant since : interruptedSince.values()) {
            interruptedMillis += millisBetween(since, end);
        }
        return new CallQualityView(reconnects, interruptions, Math.round(interruptedMillis / 1000.0),
                figures(summaries, Role.DOCTOR), figures(summaries, Role.PATIENT));
    }

    /** The side's figures from its summary, or null when it sent no report. */
    static QualityFigures figures(List<QualitySummary> summaries, Role side) {
        return summaries.stream().filter(s -> s.role() == side && s.reports() > 0).findFirst()
                .map(s -> new QualityFigures(s.reports(), asDouble(s.rttMedianMs()), asDouble(s.rttWorstMs()),
                        s.receiveLossMedianPct(), s.receiveLossWorstPct(), asLong(s.sendKbpsMedian()),
                        asLong(s.receiveKbpsMedian()), s.secondsPoor(), s.client(), s.localCandidate(),
                        s.remoteCandidate()))
                .orElse(null);
    }

    private static Double asDouble(Integer value) {
        return value == null ? null : value.doubleValue();
    }

    private static Long asLong(Integer value) {
        return value == null ? null : value.longValue();
    }

    private static long millisBetween(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toMillis());
    }
}
