package dev.carecall.backend.room;

import io.helidon.config.Config;

import java.time.Duration;
import java.util.Objects;

/**
 * How much one socket may cost the others: its send queue, how long a write to it may hang, how fast it may send,
 * how long a caller waits for its room, and how long an unused room stays in memory.
 *
 * @param sendQueue   messages that may wait to be sent to one socket; one more and the socket is closed (4008)
 * @param sendStall   how long one write to a socket may hang (the client does not read) before it is closed (4008)
 * @param taskTimeout how long a request waits for its room; a request whose caller gave up is dropped, not run late
 * @param roomIdle    how long a room with nobody in it and no call waiting or running stays in memory
 * @param signals     {@code signal} messages per socket
 * @param chat        {@code chat} messages per socket
 * @param mediaState  {@code mediaState} and {@code screenShare} messages per socket
 * @param callActions {@code startCall}, {@code joinCall} and {@code endCall} per socket
 */
public record RelaySettings(int sendQueue, Duration sendStall, Duration taskTimeout, Duration roomIdle, Rate signals,
                            Rate chat, Rate mediaState, Rate callActions) {

    /**
     * A token bucket: {@code burst} messages at once, refilled at {@code perSecond}. A browser's call sends a few
     * dozen signals when it connects or restarts ICE; people type a chat line every few seconds.
     */
    public record Rate(int burst, double perSecond) {
        public Rate {
            if (burst < 1 || perSecond <= 0) {
                throw new IllegalArgumentException("a rate needs a burst of at least 1 and a positive refill");
            }
        }
    }

    public static final RelaySettings DEFAULTS = new RelaySettings(1_000, Duration.ofSeconds(5), Duration.ofSeconds(10),
            Duration.ofMinutes(2), new Rate(500, 200), new Rate(30, 3), new Rate(20, 5), new Rate(50, 10));

    public RelaySettings {
        Objects.requireNonNull(signals, "signals");
        Objects.requireNonNull(chat, "chat");
        Objects.requireNonNull(mediaState, "mediaState");
        Objects.requireNonNull(callActions, "callActions");
        if (sendQueue < 16) {
            throw new IllegalArgumentException("sendQueue must be at least 16");
        }
        for (Duration d : new Duration[]{sendStall, taskTimeout, roomIdle}) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("relay durations must be positive");
            }
        }
    }

    public RelaySettings withSendQueue(int messages) {
        return new RelaySettings(messages, sendStall, taskTimeout, roomIdle, signals, chat, mediaState, callActions);
    }

    public RelaySettings withSendStall(Duration stall) {
        return new RelaySettings(sendQueue, stall, taskTimeout, roomIdle, signals, chat, mediaState, callActions);
    }

    public RelaySettings withTaskTimeout(Duration timeout) {
        return new RelaySettings(sendQueue, sendStall, timeout, roomIdle, signals, chat, mediaState, callActions);
    }

    public RelaySettings withRoomIdle(Duration idle) {
        return new RelaySettings(sendQueue, sendStall, taskTimeout, idle, signals, chat, mediaState, callActions);
    }

    public RelaySettings withRates(Rate signals, Rate chat, Rate mediaState, Rate callActions) {
        return new RelaySettings(sendQueue, sendStall, taskTimeout, roomIdle, signals, chat, mediaState, callActions);
    }

    /** {@code carecall.relay.*}: each key falls back to {@link #DEFAULTS}. */
    public static RelaySettings fromConfig(Config c) {
        RelaySettings d = DEFAULTS;
        return new RelaySettings(c.get("send-queue").asInt().orElse(d.sendQueue()),
                c.get("send-stall").as(Duration.class).orElse(d.sendStall()),
                c.get("task-timeout").as(Duration.class).orElse(d.taskTimeout()),
                c.get("room-idle").as(Duration.class).orElse(d.roomIdle()),
                rate(c.get("rate.signals"), d.signals()), rate(c.get("rate.chat"), d.chat()),
                rate(c.get("rate.media-state"), d.mediaState()), rate(c.get("rate.call-actions"), d.callActions()));
    }

    private static Rate rate(Config c, Rate fallback) {
        return new Rate(c.get("burst").asInt().orElse(fallback.burst()),
                c.get("per-second").asDouble().orElse(fallback.perSecond()));
    }

    Participant.Limits sendLimits() {
        return new Participant.Limits(sendQueue, sendStall.toNanos());
    }
}
