package dev.carecall.console.waitingroom;

import dev.carecall.console.i18n.Texts;

import java.util.function.Supplier;

/**
 * What happens when a patient knocks, besides the list's banner: the knock sound (if the doctor left it on, at
 * their volume) and the desktop's notification. FX thread.
 */
public final class Alerts {
    private final KnockSound sound;
    private final Supplier<KnockSettings> settings;
    private final DesktopNotice notice;

    /**
     * @param sound    plays the knock
     * @param settings read at each knock, so a change in the settings counts at once
     * @param notice   the desktop notification, or null for none
     */
    public Alerts(KnockSound sound, Supplier<KnockSettings> settings, DesktopNotice notice) {
        this.sound = sound;
        this.settings = settings;
        this.notice = notice;
    }

    /** No sound, no notification: for screens and tests that do not want them. */
    public static Alerts silent() {
        return new Alerts(volume -> { }, () -> new KnockSettings(false, 0), null);
    }

    /** A patient started waiting. */
    public void knocked(String patientName, Texts texts) {
        KnockSettings now = settings.get();
        if (now.enabled() && now.volume() > 0) {
            sound.play(now.volume() / 100.0);
        }
        if (notice != null) {
            notice.show(texts.get("waiting.notice.title"), texts.get("waiting.notice.text", patientName));
        }
    }

    /** The settings screen's "Play knock": the sound at this volume, whatever is saved. */
    public void tryKnock(int volume) {
        sound.play(Math.clamp(volume, 0, 100) / 100.0);
    }
}
