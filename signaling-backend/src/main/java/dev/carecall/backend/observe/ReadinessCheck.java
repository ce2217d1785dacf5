package dev.carecall.backend.observe;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

import java.util.function.BooleanSupplier;

/**
 * One part the instance needs before it can serve, for {@code /observe/health}: the database (Helidon's own database
 * check is not served at 4.5.0) and, with several instances, the Redis room bus. The answer is public, so it says UP
 * or DOWN and names no URL, user or host.
 *
 * @param name what is checked, e.g. {@code database}
 * @param up   asks the part; true when it answered in time
 */
public record ReadinessCheck(String name, BooleanSupplier up) implements HealthCheck {
    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.builder().status(up.getAsBoolean()).build();
    }
}
