package dev.carecall.console.call;

import dev.carecall.protocol.QualityLevel;

import java.util.ArrayList;
import java.util.List;

/**
 * Judges the call from this side's figures and the other side's latest report: good, fair or poor, and the reason
 * that names whose side a problem is on. Loss and delay are located by the two sides' round trips to the server
 * (the one place both reach): a lossy or slow network shows on its own side's round trip only. A weak upload is
 * located by whose congestion control says so. The page judges the same way (quality.js); both are held to the
 * shared cases in the protocol module's {@code fixtures/quality-cases.json}.
 */
public final class QualityJudge {
    static final double LOSS_FAIR_PCT = 3;
    static final double LOSS_POOR_PCT = 8;
    static final int RTT_FAIR_MS = 250;
    static final int RTT_POOR_MS = 500;
    static final int JITTER_FAIR_MS = 50;
    static final int UPLOAD_FAIR_KBPS = 300;
    static final int UPLOAD_POOR_KBPS = 150;
    static final int SLOW_SERVER_MS = 150;

    /** A judgement. */
    public record Verdict(QualityLevel level, QualityReason reason) {
    }

    private record Issue(QualityLevel level, QualityReason reason) {
    }

    private enum Side { OWN, OTHER, PATH }

    private QualityJudge() {
    }

    /**
     * @param mine   this side's figures
     * @param theirs the other side's latest report as figures, or null when there is none (or it is stale)
     */
    public static Verdict judge(MediaFigures mine, MediaFigures theirs) {
        Side where = side(mine, theirs);
        List<Issue> issues = new ArrayList<>();
        Double loss = max(mine.sendLossPct(), mine.receiveLossPct(), theirs == null ? null : theirs.sendLossPct(),
                theirs == null ? null : theirs.receiveLossPct());
        if (loss != null && loss >= LOSS_FAIR_PCT) {
            issues.add(new Issue(loss >= LOSS_POOR_PCT ? QualityLevel.POOR : QualityLevel.FAIR, switch (where) {
                case OWN -> QualityReason.OWN_LOSS;
                case OTHER -> QualityReason.OTHER_LOSS;
                case PATH -> QualityReason.PATH_LOSS;
            }));
        }
        QualityLevel myUpload = upload(mine);
        if (myUpload != QualityLevel.GOOD) {
            issues.add(new Issue(myUpload, QualityReason.OWN_UPLOAD));
        }
        QualityLevel theirUpload = upload(theirs);
        if (theirUpload != QualityLevel.GOOD) {
            issues.add(new Issue(theirUpload, QualityReason.OTHER_UPLOAD));
        }
        Integer rtt = mine.rttMs() != null ? mine.rttMs() : theirs == null ? null : theirs.rttMs();
        Double jitter = max(number(mine.jitterMs()), theirs == null ? null : number(theirs.jitterMs()));
        QualityLevel delay = QualityLevel.GOOD;
        if (rtt != null) {
            delay = rtt >= RTT_POOR_MS ? QualityLevel.POOR : rtt >= RTT_FAIR_MS ? QualityLevel.FAIR : QualityLevel.GOOD;
        }
        if (jitter != null && jitter >= JITTER_FAIR_MS) {
            delay = delay.worst(QualityLevel.FAIR);
        }
        if (delay != QualityLevel.GOOD) {
            issues.add(new Issue(delay, switch (where) {
                case OWN -> QualityReason.OWN_DELAY;
                case OTHER -> QualityReason.OTHER_DELAY;
                case PATH -> QualityReason.PATH_DELAY;
            }));
        }
        QualityLevel level = QualityLevel.GOOD;
        for (Issue issue : issues) {
            level = level.worst(issue.level());
        }
        if (level == QualityLevel.GOOD) {
            return new Verdict(level, QualityReason.NONE);
        }
        // At the worst level, a reason that names a side is worth more than one that cannot.
        QualityLevel worst = level;
        List<Issue> atWorst = issues.stream().filter(i -> i.level() == worst).toList();
        Issue named = atWorst.stream().filter(i -> i.reason().namesASide()).findFirst().orElse(atWorst.getFirst());
        return new Verdict(level, named.reason());
    }

    /** This side's own judgement of its figures alone: the level its report carries. */
    static QualityLevel ownLevel(MediaFigures mine) {
        return judge(mine, null).level();
    }

    private static Side side(MediaFigures mine, MediaFigures theirs) {
        Integer my = mine.serverRttMs();
        Integer their = theirs == null ? null : theirs.serverRttMs();
        if (my == null || their == null) {
            return Side.PATH;
        }
        if (my >= SLOW_SERVER_MS && my >= 2 * their) {
            return Side.OWN;
        }
        if (their >= SLOW_SERVER_MS && their >= 2 * my) {
            return Side.OTHER;
        }
        return Side.PATH;
    }

    /** A weak upload counts only while video is sent: audio alone needs little. */
    private static QualityLevel upload(MediaFigures r) {
        if (r == null || r.sendResolution() == null) {
            return QualityLevel.GOOD;
        }
        Integer kbps = r.availableSendKbps() != null ? r.availableSendKbps() : r.sendKbps();
        if (kbps == null) {
            return QualityLevel.GOOD;
        }
        return kbps < UPLOAD_POOR_KBPS ? QualityLevel.POOR
                : kbps < UPLOAD_FAIR_KBPS ? QualityLevel.FAIR : QualityLevel.GOOD;
    }

    private static Double number(Integer value) {
        return value == null ? null : value.doubleValue();
    }

    private static Double max(Double... values) {
        Double max = null;
        for (Double v : values) {
            if (v != null && (max == null || v > max)) {
                max = v;
            }
        }
        return max;
    }
}
