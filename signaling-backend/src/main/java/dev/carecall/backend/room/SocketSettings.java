package dev.carecall.backend.room;

import io.helidon.config.Config;

import java.time.Duration;

/**
 * How the server watches its sockets.
 *
 * @param registerTimeout how long a new socket may take to send {@code register}
 * @param keepAlive       how often the server pings each lobby socket; one silent for three times this is dropped
 * @param roomKeepAlive   the same for room sockets, shorter: a patient who vanished mid-call must show as gone
 *                        within seconds, not a minute
 */
public record SocketSettings(Duration registerTimeout, Duration keepAlive, Duration roomKeepAlive) {
    /**
     * 5 seconds to register; a 15-second ping on lobby sockets (a laptop closed mid-call is noticed within 45
     * seconds); 2 seconds on room sockets, so a connection whose TCP went silent (no close, no reset) is dropped
     * after three missed pings and the other party and {@code call-status} learn it within 10 seconds.
     */
    public static final SocketSettings DEFAULTS = new SocketSettings(Duration.ofSeconds(5), Duration.ofSeconds(15),
            Duration.ofSeconds(2));

    public SocketSettings {
        for (Duration d : new Duration[]{registerTimeout, keepAlive, roomKeepAlive}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("socket timeouts and keep-alives must be positive");
            }
        }
    }

    public SocketSettings withKeepAlive(Duration interval) {
        return new SocketSettings(registerTimeout, interval, roomKeepAlive);
    }

    public SocketSettings withRoomKeepAlive(Duration interval) {
        return new SocketSettings(registerTimeout, keepAlive, interval);
    }

    /** {@code carecall.register.timeout}, {@code carecall.websocket.keepalive} and {@code .room-keepalive}. */
    public static SocketSettings fromConfig(Config carecall) {
        return new SocketSettings(
                carecall.get("register.timeout").as(Duration.class).orElse(DEFAULTS.registerTimeout),
                carecall.get("websocket.keepalive").as(Duration.class).orElse(DEFAULTS.keepAlive),
                carecall.get("websocket.room-keepalive").as(Duration.class).orElse(DEFAULTS.roomKeepAlive));
    }
}
