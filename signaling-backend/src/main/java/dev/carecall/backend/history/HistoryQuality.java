package dev.carecall.backend.history;

import dev.carecall.protocol.CallEvent;
import dev.carecall.protocol.QualityLevel;
import dev.carecall.protocol.Role;
import dev.carecall.protocol.rest.CallEventView;
import dev.carecall.protocol.rest.CallQualityView;
import dev.carecall.protocol.rest.QualityFigures;
import dev.carecall.protocol.rest.QualitySample;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Sums a call's log up into its quality ({@link CallQualityView}): reconnects and media interruptions from the
 * events every call logs, and each side's figures from the {@code qualitySample} entries it reported.
 */
public final class QualitySummary {
    /**
     * How long one sample speaks for at most. A side reports at least every few seconds while its call runs; one
     * that stopped reporting (a crashed tab) must not count as poor until the end of the call.
     */
    static final Duration SAMPLE_SPAN = Duration.ofSeconds(60);

    private QualitySummary() {
    }

    /**
     * @param events the session's log, oldest first
     * @param end    when the call ended, or now for a call that still runs: the end of what is still open
     */
    public static CallQualityView of(List<CallEventView> events, Instant end) {
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
                    // not about the connection; quality samples are summed up per side below
                }
            }
        }
        for (Instant since : interruptedSince.values()) {
            interruptedMillis += millisBetween(since, end);
        }
        return new CallQualityView(reconnects, interruptions, Math.round(interruptedMillis / 1000.0),
                figures(events, Role.DOCTOR, end), figures(events, Role.PATIENT, end));
    }

    /** The side's figures from its samples, or null when it reported none. */
    static QualityFigures figures(List<CallEventView> events, Role side, Instant end) {
        List<CallEventView> samples = events.stream()
                .filter(e -> e.event() == CallEvent.QUALITY_SAMPLE && e.from() == side && e.quality() != null)
                .toList();
        if (samples.isEmpty()) {
            return null;
        }
        long poorMillis = 0;
        for (int i = 0; i < samples.size(); i++) {
            if (samples.get(i).quality().level() == QualityLevel.POOR) {
                Instant from = samples.get(i).at();
                Instant until = i + 1 < samples.size() ? samples.get(i + 1).at() : end;
                poorMillis += Math.min(millisBetween(from, until), SAMPLE_SPAN.toMillis());
            }
        }
        List<QualitySample> q = samples.stream().map(CallEventView::quality).toList();
        List<Double> rtt = values(q, QualitySample::rttMs);
        List<Double> loss = values(q, QualitySample::lossPercent);
        List<Long> send = values(q, QualitySample::sendKbps);
        List<Long> receive = values(q, QualitySample::receiveKbps);
        return new QualityFigures(samples.size(), median(rtt), worst(rtt), median(loss), worst(loss), median(send),
                median(receive), Math.round(poorMillis / 1000.0));
    }

    private static <T extends Comparable<T>> List<T> values(List<QualitySample> samples,
                                                            Function<QualitySample, T> figure) {
        List<T> values = new ArrayList<>(samples.stream().map(figure).filter(Objects::nonNull).toList());
        values.sort(Comparator.naturalOrder());
        return values;
    }

    /** The middle value of a sorted list (the lower of the two middle ones for an even count), or null. */
    private static <T> T median(List<T> sorted) {
        return sorted.isEmpty() ? null : sorted.get((sorted.size() - 1) / 2);
    }

    private static <T> T worst(List<T> sorted) {
        return sorted.isEmpty() ? null : sorted.getLast();
    }

    private static long millisBetween(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toMillis());
    }
}
