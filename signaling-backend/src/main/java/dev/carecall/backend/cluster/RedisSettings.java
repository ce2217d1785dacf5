package dev.carecall.backend.cluster;

import io.helidon.config.Config;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * {@code carecall.redis.*}: where the instances meet. Without a URL the backend runs alone, as before.
 *
 * @param url         {@code redis://host:port[/database]} (Lettuce's form; {@code rediss://} for TLS, a password as
 *                    {@code redis://:password@host})
 * @param prefix      put before every channel and key, so several CareCall installations (or test runs) share one
 *                    Redis without meeting
 * @param presenceTtl how long a socket counts as present on an instance that stopped refreshing it (it died): the
 *                    other instances stop seeing it after this
 */
public record RedisSettings(URI url, String prefix, Duration presenceTtl) {
    public static final String DEFAULT_PREFIX = "carecall";
    public static final Duration DEFAULT_PRESENCE_TTL = Duration.ofSeconds(6);

    public RedisSettings {
        Objects.requireNonNull(url, "url");
        if (prefix == null || prefix.isBlank() || prefix.contains("|")) {
            throw new IllegalArgumentException("carecall.redis.prefix must be a non-empty text without '|'");
        }
        if (presenceTtl == null || presenceTtl.toMillis() < 1000) {
            throw new IllegalArgumentException("carecall.redis.presence-ttl must be at least a second");
        }
    }

    /** Settings with the default prefix and expiry. */
    public static RedisSettings at(URI url) {
        return new RedisSettings(url, DEFAULT_PREFIX, DEFAULT_PRESENCE_TTL);
    }

    public RedisSettings withPrefix(String otherPrefix) {
        return new RedisSettings(url, otherPrefix, presenceTtl);
    }

    /** From {@code carecall.redis}; null (alone) when {@code url} is not set. */
    public static RedisSettings fromConfig(Config redis) {
        String url = redis.get("url").asString().map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
        if (url == null) {
            return null;
        }
        return new RedisSettings(URI.create(url), redis.get("prefix").asString().orElse(DEFAULT_PREFIX),
                redis.get("presence-ttl").as(Duration.class).orElse(DEFAULT_PRESENCE_TTL));
    }
}
