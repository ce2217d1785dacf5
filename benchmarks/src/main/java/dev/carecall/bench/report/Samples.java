package dev.carecall.bench.report;

import java.util.Arrays;

/**
 * Every value of one measurement (latencies in nanoseconds, times in milliseconds...), kept whole so that the
 * percentiles are exact: a run records at most a few million, a few MiB. Not thread-safe: each loop keeps its own
 * and they are {@link #addAll merged} afterwards.
 */
public final class Samples {
    private long[] values = new long[1024];
    private int size;
    private boolean sorted = true;

    public void add(long value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = value;
        sorted = false;
    }

    public void addAll(Samples other) {
        for (int i = 0; i < other.size; i++) {
            add(other.values[i]);
        }
    }

    public int count() {
        return size;
    }

    /**
     * The value below which {@code p} percent of the samples lie (nearest rank: the smallest value with at least
     * p % of the samples at or below it). Empty: 0.
     */
    public long percentile(double p) {
        if (p < 0 || p > 100) {
            throw new IllegalArgumentException("percentile " + p);
        }
        if (size == 0) {
            return 0;
        }
        sort();
        int rank = (int) Math.ceil(p / 100.0 * size);
        return values[Math.max(0, rank - 1)];
    }

    public long median() {
        return percentile(50);
    }

    public long max() {
        if (size == 0) {
            return 0;
        }
        sort();
        return values[size - 1];
    }

    public long min() {
        if (size == 0) {
            return 0;
        }
        sort();
        return values[0];
    }

    private void sort() {
        if (!sorted) {
            Arrays.sort(values, 0, size);
            sorted = true;
        }
    }
}
