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

    /** How many frames arrived so far (shown or not). */
    long framesReceived();
}
