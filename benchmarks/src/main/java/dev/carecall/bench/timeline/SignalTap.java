package dev.carecall.bench.timeline;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP relay between one call engine and the backend that reads the WebSocket frames passing through (without
 * changing them) and notes when each message went by, and which: the engine's own signaling, timed on the
 * benchmark's clock without touching the engine. Adds one loopback hop (well under a millisecond).
 */
final class SignalTap implements AutoCloseable {
    private static final Pattern TYPE = Pattern.compile("\"type\":\"(\\w+)\"");

    /** One message: when (epoch microseconds), which way, its type, and for a signal its kind. */
    record Event(long epochMicros, boolean toServer, String type, String kind) {
    }

    private final InetSocketAddress backend;
    private final ServerSocket server;
    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    SignalTap(InetSocketAddress backend) {
        this.backend = backend;
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().name("signal-tap").start(this::accept);
    }

    /** The WebSocket base an engine uses instead of the backend's. */
    URI webSocketBaseUri() {
        return URI.create("ws://127.0.0.1:" + server.getLocalPort());
    }

    void clear() {
        events.clear();
    }

    /** When the first message of {@code type} (and, for signals, {@code kind}) went this way. */
    Optional<Long> first(boolean toServer, String type, String kind) {
        for (Event e : events) {
            if (e.toServer() == toServer && e.type().equals(type) && (kind == null || kind.equals(e.kind()))) {
                return Optional.of(e.epochMicros());
            }
        }
        return Optional.empty();
    }

    /** The messages seen, for a failure's message. */
    String describe() {
        long start = events.isEmpty() ? 0 : events.getFirst().epochMicros();
        StringBuilder out = new StringBuilder();
        for (Event e : events) {
            out.append(String.format("%n  +%d ms %s %s %s", (e.epochMicros() - start) / 1000,
                    e.toServer() ? "→" : "←", e.type(), e.kind() == null ? "" : e.kind()));
        }
        return out.toString();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(backend.getAddress(), backend.getPort());
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(upstream);
                Thread.ofVirtual().start(() -> pump(client, upstream, true));
                Thread.ofVirtual().start(() -> pump(upstream, client, false));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** Copies the HTTP head as it is, then frame by frame, noting each text message. */
    private void pump(Socket from, Socket to, boolean toServer) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int matched = 0;
            while (matched < 4) { // the upgrade request or its 101 answer ends with CRLF CRLF
                int b = in.read();
                if (b < 0) {
                    return;
                }
                out.write(b);
                matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
            }
            out.flush();
            ArrayList<byte[]> fragments = new ArrayList<>();
            while (true) {
                int b0 = in.read();
                int b1 = in.read();
                if (b0 < 0 || b1 < 0) {
                    return;
                }
                long length = b1 & 0x7F;
                byte[] extended = new byte[length == 126 ? 2 : length == 127 ? 8 : 0];
                readFully(in, extended);
                if (extended.length > 0) {
                    length = 0;
                    for (byte x : extended) {
                        length = (length << 8) | (x & 0xFF);
                    }
                }
                byte[] mask = new byte[(b1 & 0x80) != 0 ? 4 : 0];
                readFully(in, mask);
                byte[] payload = new byte[(int) length];
                readFully(in, payload);
                long at = epochMicros();
                // One write per frame, as the sender made it: some servers mishandle a header split over segments.
                byte[] frame = new byte[2 + extended.length + mask.length + payload.length];
                frame[0] = (byte) b0;
                frame[1] = (byte) b1;
                System.arraycopy(extended, 0, frame, 2, extended.length);
                System.arraycopy(mask, 0, frame, 2 + extended.length, mask.length);
                System.arraycopy(payload, 0, frame, 2 + extended.length + mask.length, payload.length);
                out.write(frame);
                out.flush();
                int opcode = b0 & 0x0F;
                if (opcode == 0x1 || opcode == 0x0) {
                    byte[] plain = payload.clone();
                    for (int i = 0; i < mask.length && plain.length > 0; i++) {
                        for (int k = i; k < plain.length; k += 4) {
                            plain[k] ^= mask[i];
                        }
                    }
                    fragments.add(plain);
                    if ((b0 & 0x80) != 0) {
                        note(at, toServer, fragments);
                        fragments.clear();
                    }
                }
            }
        } catch (IOException e) {
            // the socket closed: the call is over or the engine reconnects
        } finally {
            try {
                to.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private void note(long at, boolean toServer, List<byte[]> parts) {
        StringBuilder text = new StringBuilder();
        for (byte[] part : parts) {
            text.append(new String(part, StandardCharsets.UTF_8));
        }
        Matcher type = TYPE.matcher(text);
        if (!type.find()) {
            return;
        }
        String name = type.group(1);
        String kind = null;
        if (name.equals("signal")) {
            kind = type.find() ? type.group(1) : (text.indexOf("candidate") >= 0 ? "candidate" : "other");
        }
        events.add(new Event(at, toServer, name, kind));
    }

    private static void readFully(InputStream in, byte[] into) throws IOException {
        int n = 0;
        while (n < into.length) {
            int r = in.read(into, n, into.length - n);
            if (r < 0) {
                throw new IOException("closed");
            }
            n += r;
        }
    }

    static long epochMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
