package dev.carecall.backend;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A WebSocket client written on a plain TCP socket, for what the JDK's client will not do: never read. Its receive
 * buffer is small, so the server's writes to it hang as soon as the kernel's buffers are full, as with a client on a
 * stalled link or one that stops reading on purpose. Frames go out masked with the zero key (RFC 6455 allows any
 * key), so the payload bytes are written as they are.
 */
final class RawSocket implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Opens the WebSocket at this address (ws://host:port/path) with a receive buffer of this many bytes. */
    static RawSocket open(URI address, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(receiveBuffer);
        socket.connect(new InetSocketAddress(address.getHost(), address.getPort()), 10_000);
        socket.setSoTimeout(10_000);
        RawSocket raw = new RawSocket(socket);
        raw.out.write(("GET " + address.getRawPath() + " HTTP/1.1\r\nHost: " + address.getHost() + ":"
                + address.getPort() + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        raw.out.flush();
        String head = raw.readHead();
        if (!head.startsWith("HTTP/1.1 101")) {
            socket.close();
            throw new IOException("no WebSocket upgrade: " + head);
        }
        return raw;
    }

    /** Sends one text frame; blocks while the server does not read. */
    void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
        frame.write(0x81);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else if (payload.length < 65_536) {
            frame.write(0x80 | 126);
            frame.write(payload.length >>> 8);
            frame.write(payload.length & 0xff);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) payload.length >>> shift) & 0xff);
            }
        }
        frame.write(new byte[4]); // the zero masking key
        frame.write(payload);
        out.write(frame.toByteArray());
    }

    /**
     * Reads, now at last, everything the server sent, up to its close frame; returns the close code, or -1 if the
     * connection ended without one. Counts the text frames on the way.
     */
    ReadToClose readToClose() throws IOException {
        int texts = 0;
        try {
            while (true) {
                int first = in.read();
                if (first < 0) {
                    return new ReadToClose(-1, texts);
                }
                int second = readByte();
                long length = second & 0x7f;
                if (length == 126) {
                    length = (readByte() << 8) | readByte();
                } else if (length == 127) {
                    length = 0;
                    for (int i = 0; i < 8; i++) {
                        length = (length << 8) | readByte();
                    }
                }
                int opcode = first & 0x0f;
                if (opcode == 0x8) {
                    int code = length >= 2 ? (readByte() << 8) | readByte() : 1005;
                    return new ReadToClose(code, texts);
                }
                if (opcode == 0x1) {
                    texts++;
                }
                in.skipNBytes(length);
            }
        } catch (SocketTimeoutException e) {
            throw new IOException("no close frame within the socket timeout after " + texts + " text frames", e);
        } catch (IOException e) {
            return new ReadToClose(-1, texts); // reset: cut without a close frame
        }
    }

    /**
     * Reads up to the next text frame and returns it, skipping the server's pings (which are left unanswered, as a
     * dead client would). Throws if the server closes first or nothing comes within the socket timeout.
     */
    String nextText() throws IOException {
        while (true) {
            int opcode = readByte() & 0x0f;
            int second = readByte();
            long length = second & 0x7f;
            if (length == 126) {
                length = (readByte() << 8) | readByte();
            } else if (length == 127) {
                length = 0;
                for (int i = 0; i < 8; i++) {
                    length = (length << 8) | readByte();
                }
            }
            if (opcode == 0x1) {
                return new String(in.readNBytes((int) length), StandardCharsets.UTF_8);
            }
            if (opcode == 0x8) {
                throw new IOException("closed by the server before a text frame");
            }
            in.skipNBytes(length);
        }
    }

    /** Ends the connection with a TCP reset and no close frame, as a crashing client or a dropped NAT entry does. */
    void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    /** What {@link #readToClose()} found. */
    record ReadToClose(int closeCode, int textFrames) {
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new IOException("the connection ended inside a frame");
        }
        return b;
    }

    private String readHead() throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0 || head.length() > 8192) {
                break;
            }
            head.append((char) b);
        }
        return head.toString();
    }
}
