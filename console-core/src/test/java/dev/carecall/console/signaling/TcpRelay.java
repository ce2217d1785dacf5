package dev.carecall.console.signaling;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real TCP hop between a client and the backend that a test can cut, the way a Wi-Fi drop or a proxy restart
 * cuts a WebSocket: every open connection is closed at once, new ones are accepted again right away.
 */
public final class TcpRelay implements AutoCloseable {
    private final ServerSocket server;
    private final InetSocketAddress target;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile boolean refusing;
    private final java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();

    public TcpRelay(URI backend) throws IOException {
        target = new InetSocketAddress(backend.getHost(), backend.getPort());
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("tcp-relay-accept").start(this::accept);
    }

    /** The relay's address in place of the backend's, e.g. {@code ws://127.0.0.1:PORT}. */
    public URI uri(String scheme) {
        return URI.create(scheme + "://127.0.0.1:" + server.getLocalPort());
    }

    /** Cuts every connection passing through now. */
    public void cutAll() {
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    /** While refusing, every new connection is closed at once, as if the backend were down. */
    public void refuse(boolean refuse) {
        refusing = refuse;
    }

    /** How many connections were refused so far. */
    public int refused() {
        return refused.get();
    }

    @Override
    public void close() {
        closeQuietly(server);
        cutAll();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (refusing) {
                    refused.incrementAndGet();
                    closeQuietly(client);
                    continue;
                }
                Socket upstream = new Socket(target.getAddress(), target.getPort());
                open.add(client);
                open.add(upstream);
                pump(client, upstream);
                pump(upstream, client);
            } catch (IOException e) {
                // closed, or the backend refused: the client sees a dropped connection, as it would in real life
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread.ofPlatform().daemon().name("tcp-relay-pump").start(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // cut
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        });
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // already closed
        }
    }
}
