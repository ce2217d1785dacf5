package dev.carecall.console.call;

/**
 * What the engine reports. Called on the engine's thread: never block, hand UI updates to the UI thread.
 */
public interface CallListener {
    default void phaseChanged(CallPhase phase) {
    }

    default void signalingStateChanged(SignalingState state) {
    }

    /** The other party's microphone ({@code audio}) and camera ({@code video}) are on or off. */
    default void remoteMediaChanged(boolean audio, boolean video) {
    }

    default void remoteScreenShareChanged(boolean active) {
    }

    /** The other party's socket came or went (e.g. their browser tab reloads). */
    default void peerPresenceChanged(boolean connected) {
    }

    /** A chat line, including this side's own lines as the server confirmed them. */
    default void chatReceived(ChatLine line) {
    }

    /** Something the doctor should read, in plain language (no camera, call failed, ...). */
    default void notice(UserNotice notice) {
    }
}
