package dev.carecall.backend.quality;

import dev.carecall.protocol.QualityReport;
import dev.carecall.protocol.Role;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The running calls' quality reports, summed up per session and role and written to {@link QualityStore} every few
 * reports and when the call ends. Called from the reporting party's socket thread (one at a time per party), never
 * from a room's queue: a report costs the room nothing, and its occasional write holds no lock.
 */
public final class CallQualities {
    private static final System.Logger LOG = System.getLogger(CallQualities.class.getName());
    /** Reports between two writes of a party's summary (a report comes about once a second). */
    static final int WRITE_EVERY = 5;
    /** A summary nobody reported to for this long belongs to a call that is over: written and forgotten. */
    private static final Duration FORGET_AFTER = Duration.ofMinutes(2);

    private record Key(long sessionId, Role role) {
    }

    private final QualityStore store;
    private final Map<Key, QualityTally> tallies = new ConcurrentHashMap<>();
    private volatile Instant lastSweep;

    public CallQualities(QualityStore store) {
        this.store = store;
    }

    /** Adds a party's report to its session's summary; every {@link #WRITE_EVERY}th report stores it. */
    public void report(long sessionId, Role role, QualityReport report, Instant at) {
        QualityTally tally = tallies.computeIfAbsent(new Key(sessionId, role), k -> new QualityTally(sessionId, role));
        QualitySummary summary;
        synchronized (tally) {
            tally.add(report, at);
            summary = tally.summary();
        }
        if (summary.reports() % WRITE_EVERY == 1) {
            save(summary);
        }
        forgetOld(at);
    }

    /** The call ended: its summaries are written as they stand and leave memory. */
    public void ended(long sessionId) {
        for (Role role : Role.values()) {
            QualityTally tally = tallies.remove(new Key(sessionId, role));
            if (tally != null) {
                QualitySummary summary;
                synchronized (tally) {
                    summary = tally.summary();
                }
                save(summary);
            }
        }
    }

    /**
     * The session's summaries, doctor's first: for a party still reporting here its tally as it stands (the stored
     * row lags up to {@link #WRITE_EVERY} reports behind), else what is stored.
     */
    public List<QualitySummary> summariesOf(long sessionId) {
        Map<Role, QualitySummary> byRole = new EnumMap<>(Role.class);
        for (QualitySummary stored : store.summariesOf(sessionId)) {
            byRole.put(stored.role(), stored);
        }
        for (Role role : Role.values()) {
            QualityTally tally = tallies.get(new Key(sessionId, role));
            if (tally != null) {
                synchronized (tally) {
                    byRole.put(role, tally.summary());
                }
            }
        }
        return List.copyOf(byRole.values());
    }

    private void forgetOld(Instant now) {
        Instant last = lastSweep;
        if (last != null && last.plus(FORGET_AFTER).isAfter(now)) {
            return;
        }
        lastSweep = now;
        for (var entry : tallies.entrySet()) {
            QualityTally tally = entry.getValue();
            Instant reported = tally.lastReport();
            if (reported != null && reported.plus(FORGET_AFTER).isBefore(now) && tallies.remove(entry.getKey(), tally)) {
                QualitySummary summary;
                synchronized (tally) {
                    summary = tally.summary();
                }
                save(summary);
            }
        }
    }

    private void save(QualitySummary summary) {
        try {
            store.save(summary);
        } catch (RuntimeException e) {
            // A lost write costs a summary a few seconds of reports; the call itself goes on.
            LOG.log(Level.WARNING, "storing the call quality of session " + summary.sessionId() + " failed: " + e);
        }
    }
}
