package dev.carecall.console.call;

import dev.carecall.console.signaling.SignalingState;
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

    /**
     * This side's screen share really started ({@code true}) or stopped ({@code false}). Also called with
     * {@code false} after {@link CallEngine#setScreenShareEnabled(boolean) setScreenShareEnabled(true)} when capture
     * could not start (a {@link #problem(CallProblem)} says why) or there is no call to share into, and when a call
     * ends while sharing. A UI's share button should follow this, not the request it made.
     */
    default void localScreenShareChanged(boolean active) {
    }

    /** The other party's socket came or went (e.g. their browser tab reloads). */
    default void peerPresenceChanged(boolean connected) {
    }

    /** A chat line, including this side's own lines as the server confirmed them. */
    default void chatReceived(ChatLine line) {
    }

    /**
     * The call's quality, once a second while the media are connected: good, fair or poor with the reason that names
     * whose side it is on, both sides' figures, and whether to suggest turning the camera off.
     */
    default void qualityChanged(CallQuality quality) {
    }

    /**
     * Something the person at this side should know (no camera, the other party hung up, the call failed...), as
     * facts: the user interface says it in its own language.
     */
    default void problem(CallProblem problem) {
    }
}
