package dev.carecall.console.media;

/**
 * Hands the newest decoded video frame to the screen without a copy per frame in Java and without a backlog: the
 * engine converts each frame (I420 to BGRA) straight into a free direct buffer and publishes it; frames the screen
 * did not take in time are overwritten.
 */
public interface VideoFeed {
    /**
     * Called on the UI thread. Returns the newest frame published since the last call, or null if none is new. The
     * returned frame's buffer stays untouched by the engine until the next call of this method.
     */
    VideoImage acquireLatest();

    /**
     * The size in pixels the screen shows the picture at: frames come scaled to fit inside it (aspect ratio kept), so
     * the screen need not scale them. Zero (the default) hands frames out at the size they arrive. Any thread.
     */
    void fitWithin(int width, int height);

    /**
     * Has {@code listener} told after each frame this feed publishes, so the screen draws when a frame is there
     * instead of polling on every screen pulse; null stops telling. The listener runs on the engine's thread that
     * delivered the frame: it must return at once (e.g. hand a task to the UI thread, at most one at a time).
     */
    void onPublished(Runnable listener);

    /** How many frames arrived so far (shown or not). */
    long framesReceived();
}
