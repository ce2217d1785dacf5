package dev.carecall.backend;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A raw TCP forwarder on loopback whose line can go silent: after {@link #goSilent()} it neither forwards nor closes
 * anything, as when a patient's Wi-Fi drops or a NAT forgets the connection. Neither end gets a FIN or a reset; the
 * server can only notice from pings that go unanswered.
 */
final class SilenceableProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean silent;

    SilenceableProxy(InetSocketAddress target) {
        this.target = target;
        try {
            listener = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().name("proxy-accept").start(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    /** From now on nothing passes in either direction, and nothing is closed. */
    void goSilent() {
        silent = true;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(target.getAddress(), target.getPort());
                sockets.add(client);
                sockets.add(server);
                Thread.ofVirtual().start(() -> pump(client, server));
                Thread.ofVirtual().start(() -> pump(server, client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** Copies bytes until the proxy goes silent; then keeps the connection open and reads nothing more. */
    private void pump(Socket from, Socket to) {
        byte[] buffer = new byte[8192];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while (!silent && (n = in.read(buffer)) >= 0) {
                if (silent) {
                    return; // swallowed: the line is dead
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed: the test is over
        }
    }

    @Override
    public void close() {
        try {
            listener.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
