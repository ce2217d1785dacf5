package dev.carecall.bench.signaling;

/**
 * The measuring window of the current phase, in {@link System#nanoTime()}: a signal counts as sent, and its
 * delivery as delivered, when its send time lies inside. Written by the driver's thread, read by the loops.
 */
final class Window {
    private volatile long start = Long.MAX_VALUE;
    private volatile long end = Long.MAX_VALUE;

    void open(long startNanos, long endNanos) {
        end = endNanos;
        start = startNanos;
    }

    void close() {
        start = Long.MAX_VALUE;
        end = Long.MAX_VALUE;
    }

    boolean contains(long nanos) {
        return nanos >= start && nanos < end;
    }
}
