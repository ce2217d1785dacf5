package dev.carecall.protocol;

/** Constants both sides agree on. */
public final class Protocol {
    /**
     * Version of the wire protocol. Additions that old peers may ignore keep the version; a change an old peer
     * would misread raises it. A client announces its version in {@code register}; the server answers with its own
     * in {@code registered}.
     */
    public static final int VERSION = 1;

    /** Longest chat line accepted, in characters. */
    public static final int MAX_CHAT_LENGTH = 2000;

    /** Longest message to a waiting patient, or reason for declining them, in characters. */
    public static final int MAX_WAITING_TEXT_LENGTH = 500;

    /** Longest token accepted in {@code register}, in characters. */
    public static final int MAX_TOKEN_LENGTH = 4096;

    /** Longest request id accepted, in characters. */
    public static final int MAX_REQUEST_ID_LENGTH = 64;

    /** Largest WebSocket text message either side should send, in bytes (an SDP offer is well below this). */
    public static final int MAX_MESSAGE_BYTES = 64 * 1024;

    private Protocol() {
    }
}
