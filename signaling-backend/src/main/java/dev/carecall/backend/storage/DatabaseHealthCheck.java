package dev.carecall.backend.storage;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

/**
 * Readiness of the database for {@code /observe/health}: a pooled connection that answers within two seconds. Helidon's
 * own database health check is not served at 4.5.0. It names no URL or user: the answer is public.
 */
public final class DatabaseHealthCheck implements HealthCheck {
    private static final int TIMEOUT_SECONDS = 2;
    private final Database database;

    public DatabaseHealthCheck(Database database) {
        this.database = database;
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public HealthCheckResponse call() {
        boolean up = database.isAlive(TIMEOUT_SECONDS);
        return HealthCheckResponse.builder().status(up).build();
    }
}
