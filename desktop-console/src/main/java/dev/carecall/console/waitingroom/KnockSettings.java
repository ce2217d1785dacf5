package dev.carecall.console.waitingroom;

import dev.carecall.console.config.ConfigKey;
import dev.carecall.console.config.ConsoleConfig;

/**
 * Whether the console knocks when a patient waits, and how loud ({@code waiting.knockSound},
 * {@code waiting.knockVolume} in {@code console.properties}; the settings screen writes them).
 *
 * @param enabled whether to play the knock
 * @param volume  0 to 100
 */
public record KnockSettings(boolean enabled, int volume) {
    public static final int DEFAULT_VOLUME = 60;

    public KnockSettings {
        volume = Math.clamp(volume, 0, 100);
    }

    /** As configured; a missing or unreadable value is the default (on, 60). */
    public static KnockSettings from(ConsoleConfig config) {
        boolean enabled = config.value(ConfigKey.WAITING_KNOCK_SOUND).map(v -> !"false".equalsIgnoreCase(v.strip()))
                .orElse(true);
        int volume = config.value(ConfigKey.WAITING_KNOCK_VOLUME).map(v -> {
            try {
                return Integer.parseInt(v.strip());
            } catch (NumberFormatException e) {
                return DEFAULT_VOLUME;
            }
        }).orElse(DEFAULT_VOLUME);
        return new KnockSettings(enabled, volume);
    }
}
