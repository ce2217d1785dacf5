package dev.carecall.bench.report;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SamplesTest {
    @Test
    void percentilesAreNearestRankOverAllValues() {
        Samples samples = new Samples();
        for (int i = 100; i >= 1; i--) {
            samples.add(i);
        }
        assertEquals(50, samples.median());
        assertEquals(90, samples.percentile(90));
        assertEquals(99, samples.percentile(99));
        assertEquals(100, samples.percentile(100));
        assertEquals(1, samples.min());
        assertEquals(100, samples.max());
    }

    @Test
    void mergedSamplesCountBoth() {
        Samples a = new Samples();
        Samples b = new Samples();
        a.add(10);
        b.add(30);
        b.add(20);
        a.addAll(b);
        assertEquals(3, a.count());
        assertEquals(20, a.median());
        assertEquals(30, a.max());
    }

    @Test
    void emptySamplesReadAsZero() {
        Samples empty = new Samples();
        assertEquals(0, empty.percentile(99));
        assertEquals(0, empty.max());
    }
}
