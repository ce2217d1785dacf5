package dev.carecall.console.call;

import dev.carecall.console.media.VideoFeed;
import java.util.concurrent.CompletableFuture;

/**
 * One appointment's call as the doctor's console sees it. Methods may be called from any thread and never block
 * on the network or on native code; results arrive at the {@link CallListener}s on the engine's own thread.
 * Closing the engine ends nothing on the server by itself (call {@link #endCall()} first to hang up) but frees
 * every native object it created.
 */
public interface CallEngine extends AutoCloseable {

    /** Adds a listener; it is called on the engine's thread and must hand UI work to its own thread. */
    void addListener(CallListener listener);

    /** Opens the signaling socket and registers; reconnects every 3 seconds while it is dropped. */
    void connect();

    /** Starts the call (or joins it, when the other party started it first). */
    void startCall();

    /** Joins the call the other party started. */
    void joinCall();

    /**
     * Restarts ICE now: both sides gather new candidates and pick a path again while the media goes on where it can
     * (after this computer changed networks, say). When the other side restarts at the same moment, the two offers
     * collide and perfect negotiation keeps one of them.
     */
    void restartIce();

    /** Hangs up for both parties. */
    void endCall();

    /** Turns the microphone on or off; the other party is told. */
    void setMicrophoneEnabled(boolean enabled);

    /** Turns the camera on or off; the other party is told. */
    void setCameraEnabled(boolean enabled);

    /** Sends the screen instead of the camera, or goes back to the camera; the other party is told. */
    void setScreenShareEnabled(boolean enabled);

    /** Sends a chat line to the other party. */
    void sendChat(String text);

    /** The other party's video, newest frame only. */
    VideoFeed remoteVideo();

    /** This side's own preview (camera or shared screen), newest frame only. */
    VideoFeed localVideo();

    /** Media figures read from WebRTC statistics now. */
    CompletableFuture<CallStatistics> statistics();

    /** Frees the peer connection, tracks, sources, audio module and factory, in that order, and the socket. */
    @Override
    void close();
}
