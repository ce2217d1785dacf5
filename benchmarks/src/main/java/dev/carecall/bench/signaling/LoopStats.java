package dev.carecall.bench.signaling;

import dev.carecall.bench.report.Samples;

/** What one loop counted in the current phase. Touched only by that loop's thread until it is handed over. */
final class LoopStats {
    long sent;
    long delivered;
    long dropped;
    long socketsLost;
    /** Signals that arrived twice or before one sent earlier by the same socket. */
    long outOfOrder;
    /** When a signal last arrived, window or not ({@link System#nanoTime()}); kept across resets. */
    long lastArrival;
    Samples latency = new Samples();
    Samples lag = new Samples();

    /** A copy of the counts so far (loop thread). */
    LoopStats snapshot() {
        LoopStats copy = new LoopStats();
        copy.add(this);
        return copy;
    }

    /** Starts counting afresh (loop thread). */
    void reset() {
        sent = 0;
        delivered = 0;
        dropped = 0;
        socketsLost = 0;
        outOfOrder = 0;
        latency = new Samples();
        lag = new Samples();
    }

    /** Adds {@code other}'s counts and samples to these (the driver merges the loops' snapshots). */
    void add(LoopStats other) {
        sent += other.sent;
        delivered += other.delivered;
        dropped += other.dropped;
        socketsLost += other.socketsLost;
        outOfOrder += other.outOfOrder;
        lastArrival = Math.max(lastArrival, other.lastArrival);
        latency.addAll(other.latency);
        lag.addAll(other.lag);
    }
}
