package dev.carecall.bench.ws;

import java.nio.charset.StandardCharsets;

/**
 * Client-to-server WebSocket frames (RFC 6455). Every client frame must be masked; the mask key here is zero, which
 * the RFC allows a server to accept like any other key and which leaves the payload bytes as they are. That lets
 * the generator build a frame once and patch a few digits in place per send, instead of masking 1 KB each time.
 */
public final class Frames {
    public static final int TEXT = 0x1;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    private Frames() {
    }

    /** A whole frame (FIN set) with {@code payload}; the payload starts at {@link #headerLength(int)}. */
    public static byte[] frame(int opcode, byte[] payload) {
        int header = headerLength(payload.length);
        byte[] frame = new byte[header + payload.length];
        frame[0] = (byte) (0x80 | opcode);
        int n = payload.length;
        if (n < 126) {
            frame[1] = (byte) (0x80 | n);
        } else if (n < 65536) {
            frame[1] = (byte) (0x80 | 126);
            frame[2] = (byte) (n >>> 8);
            frame[3] = (byte) n;
        } else {
            frame[1] = (byte) (0x80 | 127);
            for (int i = 0; i < 8; i++) {
                frame[2 + i] = (byte) ((long) n >>> (56 - 8 * i));
            }
        }
        // bytes header-4 .. header-1: the zero mask key
        System.arraycopy(payload, 0, frame, header, payload.length);
        return frame;
    }

    /** A whole text frame. */
    public static byte[] text(String text) {
        return frame(TEXT, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Bytes before the payload of a masked client frame of this length. */
    public static int headerLength(int payloadLength) {
        return (payloadLength < 126 ? 2 : payloadLength < 65536 ? 4 : 10) + 4;
    }
}
