package dev.carecall.bench;

import dev.carecall.bench.report.Report;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What every part of a run shares: the repository it measures (its built jars), a folder for logs and results,
 * whether this is a quick run, and the report.
 *
 * @param repository the project's root (built)
 * @param work       {@code benchmarks/target/bench}: logs of every process, results.md
 * @param quick      shorter windows and fewer repetitions, for trying the tool; not for the README
 * @param report     the figures
 */
public record BenchContext(Path repository, Path work, boolean quick, Report report) {
    /** {@code full} normally, {@code quick} with {@code --quick}. */
    public Duration seconds(int full, int quick) {
        return Duration.ofSeconds(this.quick ? quick : full);
    }

    public int count(int full, int quick) {
        return this.quick ? quick : full;
    }
}
