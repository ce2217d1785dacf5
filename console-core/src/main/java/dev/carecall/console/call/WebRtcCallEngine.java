package dev.carecall.console.call;

/**
 * The call engine: a real WebRTC peer connection (webrtc-java) signalled through the backend's room socket.
 */
public final class WebRtcCallEngine {
    private WebRtcCallEngine() {
    }

    /**
     * A new engine for one appointment; nothing happens before {@link CallEngine#connect()}. One engine can run
     * several calls of its appointment one after another; close it when the appointment's view closes.
     */
    public static CallEngine create(CallSettings settings) {
        throw new UnsupportedOperationException("the call engine is being built; signatures are final");
    }
}
