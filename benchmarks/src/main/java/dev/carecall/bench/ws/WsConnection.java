package dev.carecall.bench.ws;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One client WebSocket on a {@link WsLoop}. Everything here runs on the loop's thread: the upgrade, reading frames
 * (answering pings), and sending pre-built frames. A send that the socket cannot take at once waits in this
 * connection's own buffer (bounded), so one slow socket never holds up the others.
 */
public final class WsConnection {
    /** Bytes a connection may queue for a socket that does not take them; beyond that sends are dropped, counted. */
    private static final int MAX_QUEUED = 4 << 20;

    private final WsLoop loop;
    private final SocketChannel channel;
    private final WsHandler handler;
    private final byte[] upgrade;
    private SelectionKey key;
    private boolean open;
    private boolean closed;
    /** Unsent bytes, in write mode (position = how many); null while everything went out. */
    private ByteBuffer queued;
    /** The tail of the last read that did not make a whole frame yet. */
    private byte[] partial = new byte[0];
    private int partialLength;
    /** Fragments of a message that came in several frames (rare: both servers send whole frames). */
    private ByteArrayOutputStream fragments;
    private long dropped;
    /** Free for the user of the connection. */
    public Object attachment;

    WsConnection(WsLoop loop, SocketChannel channel, InetSocketAddress server, String path, WsHandler handler) {
        this.loop = loop;
        this.channel = channel;
        this.handler = handler;
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        this.upgrade = ("GET " + path + " HTTP/1.1\r\nHost: " + server.getHostString() + ":" + server.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: "
                + Base64.getEncoder().encodeToString(nonce) + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    void registered(SelectionKey selectionKey) {
        this.key = selectionKey;
    }

    public boolean isOpen() {
        return open && !closed;
    }

    /** Sends taken by no socket buffer and no queue room (the server stopped reading). */
    public long dropped() {
        return dropped;
    }

    /** Sends a whole pre-built frame ({@link Frames}); bytes are copied, so the caller may reuse its array. */
    public void send(byte[] frame, int length) {
        if (closed) {
            return;
        }
        if (queued != null && queued.position() > 0) {
            enqueue(frame, 0, length);
            return;
        }
        writeNow(frame, length, "write failed: ");
    }

    /** Writes what the socket takes at once; the rest waits in the queue for the socket to become writable. */
    private void writeNow(byte[] bytes, int length, String failure) {
        ByteBuffer scratch = loop.writeScratch(length);
        scratch.put(bytes, 0, length).flip();
        try {
            channel.write(scratch);
        } catch (IOException e) {
            fail(failure + e.getMessage());
            return;
        }
        if (scratch.hasRemaining()) {
            int sent = length - scratch.remaining();
            enqueue(bytes, sent, length - sent);
        }
    }

    public void sendText(String text) {
        byte[] frame = Frames.text(text);
        send(frame, frame.length);
    }

    private void enqueue(byte[] bytes, int offset, int length) {
        if (queued == null) {
            queued = ByteBuffer.allocate(Math.max(64 * 1024, length));
        }
        if (queued.remaining() < length) {
            if (queued.capacity() >= MAX_QUEUED) {
                dropped++;
                return;
            }
            ByteBuffer bigger = ByteBuffer.allocate(Math.min(MAX_QUEUED, Math.max(queued.capacity() * 2,
                    queued.position() + length)));
            queued.flip();
            bigger.put(queued);
            queued = bigger;
            if (queued.remaining() < length) {
                dropped++;
                return;
            }
        }
        queued.put(bytes, offset, length);
        key.interestOps(key.interestOps() | SelectionKey.OP_WRITE);
    }

    void connectable() {
        try {
            channel.finishConnect();
        } catch (IOException e) {
            fail("connect failed: " + e.getMessage());
            return;
        }
        key.interestOps(SelectionKey.OP_READ);
        writeNow(upgrade, upgrade.length, "upgrade failed: ");
    }

    void writable() {
        queued.flip();
        try {
            channel.write(queued);
        } catch (IOException e) {
            fail("write failed: " + e.getMessage());
            return;
        }
        queued.compact();
        if (queued.position() == 0) {
            key.interestOps(key.interestOps() & ~SelectionKey.OP_WRITE);
        }
    }

    /** Reads what arrived into the loop's buffer (after the tail of the last read) and handles every whole frame. */
    void readable(ByteBuffer buffer) {
        buffer.clear();
        buffer.put(partial, 0, partialLength);
        partialLength = 0;
        int read;
        try {
            read = channel.read(buffer);
        } catch (IOException e) {
            fail("read failed: " + e.getMessage());
            return;
        }
        if (read < 0) {
            fail("closed by the server");
            return;
        }
        buffer.flip();
        if (!open && !upgraded(buffer)) {
            keep(buffer);
            return;
        }
        while (!closed && buffer.remaining() >= 2) {
            int at = buffer.position();
            int b0 = buffer.get(at) & 0xFF;
            int b1 = buffer.get(at + 1) & 0xFF;
            long length = b1 & 0x7F;
            int header = 2;
            if (length == 126) {
                if (buffer.remaining() < 4) {
                    break;
                }
                length = ((buffer.get(at + 2) & 0xFF) << 8) | (buffer.get(at + 3) & 0xFF);
                header = 4;
            } else if (length == 127) {
                if (buffer.remaining() < 10) {
                    break;
                }
                length = buffer.getLong(at + 2);
                header = 10;
            }
            if ((b1 & 0x80) != 0) {
                fail("the server masked a frame");
                return;
            }
            if (length > buffer.capacity() - header) {
                fail("a frame of " + length + " bytes is larger than this client reads");
                return;
            }
            if (buffer.remaining() < header + length) {
                break;
            }
            frame(b0 & 0x80, b0 & 0x0F, buffer, at + header, (int) length);
            buffer.position(at + header + (int) length);
        }
        keep(buffer);
    }

    private void frame(int fin, int opcode, ByteBuffer buffer, int start, int length) {
        switch (opcode) {
            case 0x0, Frames.TEXT -> {
                if (fin != 0 && fragments == null) {
                    handler.text(this, buffer, start, length);
                    return;
                }
                if (fragments == null) {
                    fragments = new ByteArrayOutputStream();
                }
                for (int i = 0; i < length; i++) {
                    fragments.write(buffer.get(start + i));
                }
                if (fin != 0) {
                    byte[] whole = fragments.toByteArray();
                    fragments = null;
                    handler.text(this, ByteBuffer.wrap(whole), 0, whole.length);
                }
            }
            case Frames.PING -> {
                byte[] payload = new byte[length];
                buffer.get(start, payload);
                byte[] pong = Frames.frame(Frames.PONG, payload);
                send(pong, pong.length);
            }
            case Frames.CLOSE -> {
                byte[] close = Frames.frame(Frames.CLOSE, new byte[0]);
                send(close, close.length);
                fail("closed by the server" + (length >= 2 ? " with code " + buffer.getShort(start) : ""));
            }
            default -> {
                // pongs and binary frames: nothing to do
            }
        }
    }

    /** Checks the HTTP answer to the upgrade; true once it was read whole and said 101. */
    private boolean upgraded(ByteBuffer buffer) {
        int end = -1;
        for (int i = buffer.position(); i + 3 < buffer.limit(); i++) {
            if (buffer.get(i) == '\r' && buffer.get(i + 1) == '\n' && buffer.get(i + 2) == '\r'
                    && buffer.get(i + 3) == '\n') {
                end = i + 4;
                break;
            }
        }
        if (end < 0) {
            return false;
        }
        byte[] head = new byte[end - buffer.position()];
        buffer.get(head);
        String response = new String(head, StandardCharsets.ISO_8859_1);
        if (!response.startsWith("HTTP/1.1 101")) {
            fail("upgrade refused: " + response.lines().findFirst().orElse(""));
            return false;
        }
        open = true;
        handler.opened(this);
        return !closed;
    }

    private void keep(ByteBuffer buffer) {
        if (closed) {
            return;
        }
        int left = buffer.remaining();
        if (left > partial.length) {
            partial = Arrays.copyOf(partial, Math.max(left, 2 * partial.length));
        }
        buffer.get(partial, 0, left);
        partialLength = left;
    }

    /** Closes the socket without a closing handshake (the benchmark is over or the socket failed). */
    public void close() {
        fail("closed by the client");
    }

    private void fail(String why) {
        if (closed) {
            return;
        }
        closed = true;
        if (key != null) {
            key.cancel();
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        loop.forget(this);
        handler.closed(this, why);
    }
}
