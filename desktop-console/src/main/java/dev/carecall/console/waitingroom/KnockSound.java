package dev.carecall.console.waitingroom;

/**
 * Plays the knock when a patient starts waiting. The console uses {@link AudioClipKnock}; tests put in a player that
 * records the call, since nobody can listen on a build machine.
 */
@FunctionalInterface
public interface KnockSound {
    /**
     * Plays the knock once, without blocking. FX thread.
     *
     * @param volume 0 (silent) to 1 (full)
     */
    void play(double volume);
}
