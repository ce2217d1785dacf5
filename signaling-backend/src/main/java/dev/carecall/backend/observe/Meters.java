package dev.carecall.backend.observe;

import io.helidon.metrics.api.KeyPerformanceIndicatorMetricsConfig;
import io.helidon.metrics.api.MeterRegistry;
import io.helidon.metrics.api.MetricsConfig;
import io.helidon.metrics.api.MetricsFactory;

/**
 * The process's one meter registry and its configuration. Helidon keeps one registry per process and replaces it
 * (dropping every meter registered so far) when asked for it with another configuration, so every server and test
 * of a JVM asks with this same one.
 */
public final class Meters {
    /** Helidon's request meters in their extended form: requests in flight and long-running ones too. */
    public static final MetricsConfig CONFIG = MetricsConfig.builder()
            .keyPerformanceIndicatorMetricsConfig(KeyPerformanceIndicatorMetricsConfig.builder().extended(true))
            .build();

    private Meters() {
    }

    /** The registry {@code /observe/metrics} shows. */
    public static MeterRegistry registry() {
        return MetricsFactory.getInstance().globalRegistry(CONFIG);
    }
}
