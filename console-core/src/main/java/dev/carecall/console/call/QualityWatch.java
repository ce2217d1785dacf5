package dev.carecall.console.call;

import dev.carecall.console.signaling.SignalingClient;
import dev.carecall.protocol.ClientMessage;
import dev.carecall.protocol.QualityLevel;
import dev.carecall.protocol.QualityReport;
import dev.carecall.protocol.RoomMessage;
import dev.onvoid.webrtc.RTCStats;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The call's live quality on this side: once a second while the media are connected it pings the server (this
 * side's own round trip), reads the peer connection's statistics, judges them with the other side's latest report,
 * sends its own report to the other side and tells the listeners ({@link CallListener#qualityChanged}). Confined to
 * the call's executor; the statistics arrive on a native thread and are handed back to it.
 */
final class QualityWatch {
    private static final Logger LOG = Logger.getLogger(QualityWatch.class.getName());
    static final Duration INTERVAL = Duration.ofSeconds(1);
    /** The other side's report is used for this long after it came. */
    static final Duration STALE = Duration.ofSeconds(5);
    /** How long poor must last before the camera is suggested off. */
    static final Duration POOR_FOR_SUGGESTION = Duration.ofSeconds(15);

    private final ScheduledExecutorService executor;
    private final SignalingClient<RoomMessage> signaling;
    private final CallReports reports;
    private final Supplier<PeerSession> peer;
    private final ServerRoundTrip server = new ServerRoundTrip();
    private QualityMeter meter = new QualityMeter();
    private ScheduledFuture<?> ticking;
    private QualityReport theirs;
    private long theirsAt;
    private long poorSince = -1;
    private boolean measuring;
    private long measuringSince;

    QualityWatch(ScheduledExecutorService executor, SignalingClient<RoomMessage> signaling, CallReports reports,
                 Supplier<PeerSession> peer) {
        this.executor = executor;
        this.signaling = signaling;
        this.reports = reports;
        this.peer = peer;
    }

    /** A new peer connection: measure it from scratch. */
    void start() {
        stop();
        ticking = executor.scheduleAtFixedRate(this::tick, INTERVAL.toMillis(), INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    void stop() {
        if (ticking != null) {
            ticking.cancel(false);
            ticking = null;
        }
        meter = new QualityMeter();
        theirs = null;
        poorSince = -1;
        measuring = false;
    }

    /** The other side's report. */
    void received(QualityReport report) {
        theirs = report;
        theirsAt = System.nanoTime();
    }

    /**
     * A pong, one of this watch's pings or the signaling client's keep-alive, stamped when the socket delivered it
     * (not when the busy call thread got to it, which would blame this computer's load on its network).
     */
    void pong(String requestId, long atNanos) {
        server.answered(requestId, atNanos);
    }

    private void tick() {
        PeerSession session = peer.get();
        long now = System.nanoTime();
        // A getStats that has not answered within the second (a loaded machine) is not piled on, unless it never will.
        boolean stillMeasuring = measuring && now - measuringSince < STALE.toNanos();
        if (session == null || stillMeasuring || reports.phase() != CallPhase.CONNECTED) {
            return;
        }
        signaling.send(new ClientMessage.Ping(server.next(now)));
        measuring = true;
        measuringSince = now;
        ScheduledFuture<?> round = ticking;
        session.rawStatistics().whenComplete((stats, error) -> {
            try {
                executor.execute(() -> {
                    if (ticking != round) {
                        return; // stopped or restarted meanwhile
                    }
                    measuring = false;
                    if (error != null) {
                        LOG.log(Level.FINE, "statistics failed", error);
                    } else if (session == peer.get()) {
                        measured(stats, now);
                    }
                });
            } catch (RejectedExecutionException e) {
                LOG.log(Level.FINE, "call engine closed while reading statistics", e);
            }
        });
    }

    private void measured(Collection<RTCStats> stats, long now) {
        // As of the tick's start: the ping sent with this tick must not count the time getStats took.
        MediaFigures mine = meter.sample(stats, now).withServerRtt(server.worst(now));
        MediaFigures other = theirs != null && now - theirsAt <= STALE.toNanos() ? MediaFigures.of(theirs) : null;
        QualityJudge.Verdict verdict = QualityJudge.judge(mine, other);
        signaling.send(new ClientMessage.Quality(meter.report(mine, QualityJudge.ownLevel(mine))));
        if (verdict.level() != QualityLevel.POOR) {
            poorSince = -1;
        } else if (poorSince < 0) {
            poorSince = now;
        }
        boolean suggest = poorSince >= 0 && now - poorSince >= POOR_FOR_SUGGESTION.toNanos();
        CallQuality quality = new CallQuality(verdict.level(), verdict.reason(), mine, other, suggest,
                System.currentTimeMillis());
        reports.tell(l -> l.qualityChanged(quality));
    }
}
