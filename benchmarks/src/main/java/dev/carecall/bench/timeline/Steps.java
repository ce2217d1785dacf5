package dev.carecall.bench.timeline;

import dev.carecall.bench.report.Samples;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The steps of repeated call setups: for each step, when it happened after the click in every run. */
final class Steps {
    private final Map<String, Samples> steps = new LinkedHashMap<>();
    private final Map<String, Integer> missing = new LinkedHashMap<>();

    /** Notes {@code step} of one run at {@code at} (epoch microseconds), {@code start} being the click. */
    void add(String step, Optional<Long> at, long start) {
        if (at.isPresent()) {
            steps.computeIfAbsent(step, s -> new Samples()).add(at.get() - start);
        } else {
            steps.computeIfAbsent(step, s -> new Samples());
            missing.merge(step, 1, Integer::sum);
        }
    }

    Map<String, Samples> all() {
        return steps;
    }

    int missing(String step) {
        return missing.getOrDefault(step, 0);
    }

    Samples of(String step) {
        return steps.getOrDefault(step, new Samples());
    }
}
