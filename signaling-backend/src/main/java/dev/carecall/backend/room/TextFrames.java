package dev.carecall.backend.room;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Text messages that wait for one socket, put together as WebSocket frames for a single write. Under load a socket's
 * queue holds several messages by the time its writer runs; writing each on its own cost a system call, a TCP
 * segment and a wake-up of the reader per message, which was most of the relay's cost per signal.
 *
 * <p>A batch stays under one TLS record ({@link #MAX_BYTES}): a write of one record cannot interleave with the close
 * frame Helidon answers a client's close with from the socket's reading thread, so every frame arrives whole.
 */
final class TextFrames {
    /** A TLS record carries 16 KiB; the frames' headers fit in the rest. */
    static final int MAX_BYTES = 16 * 1024 - 256;
    /** FIN and the text opcode: each message is one whole frame. */
    private static final int FIN_TEXT = 0x81;

    private final List<byte[]> payloads = new ArrayList<>(4);
    private int bytes;

    /** A batch that starts with this message, whatever its size. */
    TextFrames(String first) {
        append(first.getBytes(StandardCharsets.UTF_8));
    }

    /** Adds the message if the batch stays within {@link #MAX_BYTES}; returns whether it did. */
    boolean add(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        if (bytes + frameLength(payload.length) > MAX_BYTES) {
            return false;
        }
        append(payload);
        return true;
    }

    /** Whether another small message could still join. */
    boolean hasRoom() {
        return bytes < MAX_BYTES - 128;
    }

    /** The frames, one after the other, as servers send them (unmasked). */
    byte[] encode() {
        byte[] out = new byte[bytes];
        int at = 0;
        for (byte[] payload : payloads) {
            int length = payload.length;
            out[at++] = (byte) FIN_TEXT;
            if (length < 126) {
                out[at++] = (byte) length;
            } else if (length < 65_536) {
                out[at++] = 126;
                out[at++] = (byte) (length >>> 8);
                out[at++] = (byte) length;
            } else {
                out[at++] = 127;
                for (int shift = 56; shift >= 0; shift -= 8) {
                    out[at++] = (byte) ((long) length >>> shift);
                }
            }
            System.arraycopy(payload, 0, out, at, length);
            at += length;
        }
        return out;
    }

    private void append(byte[] payload) {
        payloads.add(payload);
        bytes += frameLength(payload.length);
    }

    private static int frameLength(int payload) {
        return payload + (payload < 126 ? 2 : payload < 65_536 ? 4 : 10);
    }
}
