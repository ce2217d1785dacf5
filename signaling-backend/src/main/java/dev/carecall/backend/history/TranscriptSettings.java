package dev.carecall.backend.history;

import io.helidon.config.Config;

import java.time.Duration;
import java.time.Instant;

/**
 * Whether chat lines are stored with their call, and for how long.
 *
 * @param store     {@code carecall.chat.transcripts}: false relays chat lines without storing them
 * @param retention {@code carecall.chat.retention}: a call's transcript is deleted this long after the call ended;
 *                  null keeps it as long as the call's record
 */
public record TranscriptSettings(boolean store, Duration retention) {
    /** Stored, kept as long as the call. */
    public static final TranscriptSettings DEFAULTS = new TranscriptSettings(true, null);

    public TranscriptSettings {
        if (retention != null && (retention.isNegative() || retention.isZero())) {
            throw new IllegalArgumentException("carecall.chat.retention must be positive, e.g. P30D");
        }
    }

    /** {@code carecall.chat.transcripts} (default true) and {@code carecall.chat.retention} (ISO-8601, default none). */
    public static TranscriptSettings fromConfig(Config chat) {
        String retention = chat.get("retention").asString().orElse("").strip();
        return new TranscriptSettings(chat.get("transcripts").asBoolean().orElse(true),
                retention.isEmpty() ? null : Duration.parse(retention));
    }

    /** Whether the transcript of a call that ended at {@code endedAt} (null: still running) is still kept. */
    public boolean kept(Instant endedAt, Instant now) {
        return retention == null || endedAt == null || endedAt.plus(retention).isAfter(now);
    }

    /** How often the retention sweep runs: a tenth of the retention, between a second and an hour. */
    public Duration sweepEvery() {
        long tenth = retention == null ? Duration.ofHours(1).toMillis() : retention.toMillis() / 10;
        return Duration.ofMillis(Math.clamp(tenth, 1_000, Duration.ofHours(1).toMillis()));
    }
}
