package dev.carecall.console.waitingroom;

import javafx.scene.media.AudioClip;

import java.lang.System.Logger.Level;
import java.net.URL;

/**
 * The knock through javafx-media's {@link AudioClip}: loaded once from the sound shipped with the console
 * ({@code knock.wav}, made by {@code src/main/sound/make-knock.py}), played on the system's default output.
 */
public final class AudioClipKnock implements KnockSound {
    private static final System.Logger LOG = System.getLogger(AudioClipKnock.class.getName());
    /** The shipped sound. */
    public static final URL SOUND = AudioClipKnock.class.getResource("knock.wav");

    private AudioClip clip;
    private boolean broken;

    @Override
    public void play(double volume) {
        if (broken) {
            return;
        }
        // AudioClip reports a machine without any sound output ("Could not create player") on a thread of its own,
        // where nothing can catch it: such a machine (a server, a build machine) is recognised first and left silent.
        if (!outputAvailable()) {
            broken = true;
            LOG.log(Level.INFO, "no sound output on this machine: the knock stays silent, the banner shows");
            return;
        }
        // A machine without sound must not lose the banner and the notification: the knock is the one part that
        // may fail, so its failure is logged once and the rest goes on.
        try {
            if (clip == null) {
                clip = new AudioClip(SOUND.toExternalForm());
            }
            clip.play(Math.clamp(volume, 0, 1));
        } catch (RuntimeException | LinkageError e) {
            broken = true;
            LOG.log(Level.WARNING, "the knock sound cannot be played on this machine", e);
        }
    }

    /** Whether the system offers a sound output line at all. */
    static boolean outputAvailable() {
        try {
            return javax.sound.sampled.AudioSystem.isLineSupported(
                    new javax.sound.sampled.Line.Info(javax.sound.sampled.SourceDataLine.class));
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /** Whether the clip is playing now (javafx-media's own state). */
    public boolean playing() {
        return clip != null && clip.isPlaying();
    }
}
