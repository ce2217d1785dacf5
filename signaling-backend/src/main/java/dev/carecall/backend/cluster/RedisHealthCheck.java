package dev.carecall.backend.cluster;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

/**
 * Readiness of the room bus for {@code /observe/health}: while Redis is gone, rooms whose parties sit on different
 * instances cannot pass anything on, so the instance says it is DOWN. Names nothing: the answer is public.
 */
public final class RedisHealthCheck implements HealthCheck {
    private final RedisRoomBus bus;

    public RedisHealthCheck(RedisRoomBus bus) {
        this.bus = bus;
    }

    @Override
    public String name() {
        return "redis";
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.builder().status(bus.ping()).build();
    }
}
