package dev.carecall.backend.quality;

import dev.carecall.protocol.ClientKind;
import dev.carecall.protocol.QualityReport;
import dev.carecall.protocol.Readiness.CandidateType;
import dev.carecall.protocol.Role;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/**
 * The reports of one party in one call session, summed up as they arrive. Keeps each figure's values (a few hours of
 * reports at one a second are a few hundred kilobytes at most) so the medians are exact; beyond {@link #MAX_REPORTS}
 * only the times at fair and poor still grow. Not thread-safe: one party's reports arrive on its one socket.
 */
final class QualityTally {
    /** Four hours of reports at one a second. */
    static final int MAX_REPORTS = 4 * 3600;
    /** A report stands for the time since the previous one, at most this long (a gap is not time at poor). */
    private static final Duration MAX_STEP = Duration.ofSeconds(5);

    private final long sessionId;
    private final Role role;
    private final Figures rtt = new Figures();
    private final Figures sendLoss = new Figures();
    private final Figures receiveLoss = new Figures();
    private final Figures sendKbps = new Figures();
    private final Figures receiveKbps = new Figures();
    private int reports;
    private long millisFair;
    private long millisPoor;
    private volatile Instant last;
    private ClientKind client;
    private CandidateType localCandidate;
    private CandidateType remoteCandidate;

    QualityTally(long sessionId, Role role) {
        this.sessionId = sessionId;
        this.role = role;
    }

    void add(QualityReport report, Instant at) {
        long step = last == null ? 1000 : Math.clamp(Duration.between(last, at).toMillis(), 0, MAX_STEP.toMillis());
        last = at;
        if (report.client() != null) {
            client = report.client();
        }
        if (report.localCandidate() != null && report.remoteCandidate() != null) {
            // The pair can change (an ICE restart, a network change): the last one named is the one that carried on.
            localCandidate = report.localCandidate();
            remoteCandidate = report.remoteCandidate();
        }
        switch (report.level()) {
            case GOOD -> {
            }
            case FAIR -> millisFair += step;
            case POOR -> millisPoor += step;
        }
        if (reports >= MAX_REPORTS) {
            return;
        }
        reports++;
        rtt.add(report.rttMs());
        sendLoss.add(report.sendLossPct());
        receiveLoss.add(report.receiveLossPct());
        sendKbps.add(report.sendKbps());
        receiveKbps.add(report.receiveKbps());
    }

    Instant lastReport() {
        return last;
    }

    QualitySummary summary() {
        return new QualitySummary(sessionId, role, reports, rtt.medianInt(), rtt.maxInt(), sendLoss.median(),
                sendLoss.max(), receiveLoss.median(), receiveLoss.max(), sendKbps.medianInt(), sendKbps.minInt(),
                receiveKbps.medianInt(), receiveKbps.minInt(), (int) (millisFair / 1000), (int) (millisPoor / 1000),
                last, client, localCandidate, remoteCandidate);
    }

    /** The values of one figure, in arrival order. */
    private static final class Figures {
        private double[] values = new double[64];
        private int size;

        void add(Number value) {
            if (value == null) {
                return;
            }
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value.doubleValue();
        }

        Double median() {
            if (size == 0) {
                return null;
            }
            double[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            double median = size % 2 == 1 ? sorted[size / 2] : (sorted[size / 2 - 1] + sorted[size / 2]) / 2;
            return Math.round(median * 10) / 10.0;
        }

        Double max() {
            return size == 0 ? null : Arrays.stream(values, 0, size).max().orElseThrow();
        }

        Integer medianInt() {
            Double m = median();
            return m == null ? null : (int) Math.round(m);
        }

        Integer maxInt() {
            return size == 0 ? null : (int) Math.round(max());
        }

        Integer minInt() {
            return size == 0 ? null : (int) Math.round(Arrays.stream(values, 0, size).min().orElseThrow());
        }
    }
}
