package dev.carecall.bench.signaling;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The benchmark's signal: a session description of about 1 KB, as WebRTC sends it, with one attribute line that
 * carries the send time ({@link System#nanoTime()}, 19 digits) and a sequence number (10 digits). Relays forward
 * the payload as it is, so the receiver finds that line again and learns the one-way latency on the same clock.
 */
final class Signals {
    static final byte[] MARKER = "a=x-bench:".getBytes(StandardCharsets.US_ASCII);
    static final int TIME_DIGITS = 19;
    static final int SEQ_DIGITS = 10;
    /** Size of the signal object ({@code {"type":..,"sdp":..}}) in bytes. */
    static final int SIGNAL_BYTES = 1000;

    private Signals() {
    }

    /** The signal object as JSON text, with zeros where time and sequence number go. */
    static String signal(String type) {
        String crlf = "\\r\\n";
        StringBuilder sdp = new StringBuilder()
                .append("v=0").append(crlf)
                .append("o=- 4611731400430051336 2 IN IP4 127.0.0.1").append(crlf)
                .append("s=-").append(crlf).append("t=0 0").append(crlf)
                .append("a=x-bench:").append("0".repeat(TIME_DIGITS)).append(' ').append("0".repeat(SEQ_DIGITS))
                .append(crlf)
                .append("a=group:BUNDLE 0 1").append(crlf)
                .append("m=audio 9 UDP/TLS/RTP/SAVPF 111").append(crlf)
                .append("c=IN IP4 0.0.0.0").append(crlf)
                .append("a=ice-ufrag:Vq3e").append(crlf)
                .append("a=ice-pwd:kS8fhq2GQ3l0bLc4ZT7Hw1yJ").append(crlf)
                .append("a=fingerprint:sha-256 4F:1D:37:9A:C0:5B:88:E2:71:0C:3A:9F:44:D2:6B:17:E0:55:A9:3C:82:")
                .append("F6:0D:1B:7E:C4:29:90:63:AF:58:B1").append(crlf)
                .append("a=setup:actpass").append(crlf).append("a=mid:0").append(crlf)
                .append("a=sendrecv").append(crlf).append("a=rtcp-mux").append(crlf)
                .append("a=rtpmap:111 opus/48000/2").append(crlf)
                .append("a=fmtp:111 minptime=10;useinbandfec=1").append(crlf)
                .append("m=video 9 UDP/TLS/RTP/SAVPF 96 97").append(crlf)
                .append("c=IN IP4 0.0.0.0").append(crlf)
                .append("a=mid:1").append(crlf).append("a=sendrecv").append(crlf)
                .append("a=rtpmap:96 VP8/90000").append(crlf)
                .append("a=rtcp-fb:96 goog-remb").append(crlf).append("a=rtcp-fb:96 transport-cc").append(crlf)
                .append("a=rtcp-fb:96 ccm fir").append(crlf).append("a=rtcp-fb:96 nack").append(crlf)
                .append("a=rtcp-fb:96 nack pli").append(crlf)
                .append("a=rtpmap:97 rtx/90000").append(crlf).append("a=fmtp:97 apt=96").append(crlf)
                .append("a=ssrc-group:FID 2231627014 632943048").append(crlf);
        String head = "{\"type\":\"" + type + "\",\"sdp\":\"";
        String tail = "\"}";
        int fill = SIGNAL_BYTES - head.length() - tail.length() - sdp.length() - "a=x-pad:".length() - crlf.length();
        sdp.append("a=x-pad:").append("x".repeat(Math.max(0, fill))).append(crlf);
        return head + sdp + tail;
    }

    /** Index of the first byte after the marker in {@code bytes[from, to)}, or -1. */
    static int afterMarker(ByteBuffer bytes, int from, int to) {
        int last = to - MARKER.length - TIME_DIGITS;
        outer:
        for (int i = from; i <= last; i++) {
            if (bytes.get(i) != 'a') {
                continue;
            }
            for (int k = 1; k < MARKER.length; k++) {
                if (bytes.get(i + k) != MARKER[k]) {
                    continue outer;
                }
            }
            return i + MARKER.length;
        }
        return -1;
    }

    static int afterMarker(byte[] bytes) {
        return afterMarker(ByteBuffer.wrap(bytes), 0, bytes.length);
    }

    /** Reads {@code digits} decimal digits at {@code at}. */
    static long number(ByteBuffer bytes, int at, int digits) {
        long value = 0;
        for (int i = 0; i < digits; i++) {
            value = value * 10 + (bytes.get(at + i) - '0');
        }
        return value;
    }

    /** Writes {@code value} as exactly {@code digits} decimal digits at {@code at}. */
    static void write(byte[] bytes, int at, int digits, long value) {
        for (int i = digits - 1; i >= 0; i--) {
            bytes[at + i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }
}
