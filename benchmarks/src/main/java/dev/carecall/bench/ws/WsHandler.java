package dev.carecall.bench.ws;

import java.nio.ByteBuffer;

/** What one socket of the load generator does with its events. Called on the socket's loop thread only. */
public interface WsHandler {
    /** The upgrade succeeded; the socket may send. */
    void opened(WsConnection connection);

    /**
     * One whole text message. {@code data} holds it from {@code start} for {@code length} bytes and is valid only
     * during this call (it is the loop's shared read buffer).
     */
    void text(WsConnection connection, ByteBuffer data, int start, int length);

    /** The socket closed or failed (refused, reset, closed by the server); {@code why} says which. */
    void closed(WsConnection connection, String why);
}
