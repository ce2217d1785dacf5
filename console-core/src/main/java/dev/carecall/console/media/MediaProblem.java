package dev.carecall.console.media;

/**
 * A device of this computer that a call cannot use, as a fact without words: the call goes on without it, and the
 * console says what it means for the doctor in its own language.
 */
public enum MediaProblem {
    /** No microphone: the other party hears silence. */
    NO_MICROPHONE,
    /** No speaker or headset: this side cannot hear the other party. */
    NO_SPEAKER,
    /** No camera: the other party sees the test picture. */
    NO_CAMERA,
    /** A camera exists but did not start (often: another program uses it); the test picture is sent instead. */
    CAMERA_NOT_STARTED,
    /** Screen sharing was asked for, but there is no screen to capture (no X display that answers). */
    NO_SCREEN,
    /** Screen capture failed to start. */
    SCREEN_NOT_SHARED
}
