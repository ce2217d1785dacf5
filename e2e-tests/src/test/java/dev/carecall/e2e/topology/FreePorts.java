package dev.carecall.e2e.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/** Free ports on loopback for servers the tests start as separate processes (which cannot take port 0). */
public final class FreePorts {
    private FreePorts() {
    }

    /** A port free for both TCP and UDP on 127.0.0.1 right now (TURN and STUN listen on both). */
    public static int tcpAndUdp() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket tcp = new ServerSocket()) {
                tcp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                int port = tcp.getLocalPort();
                try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(),
                        port))) {
                    return port;
                } catch (IOException taken) {
                    // the UDP port is in use: try another
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        throw new IllegalStateException("no port free for both TCP and UDP on 127.0.0.1 after 50 tries");
    }

    /** A TCP port free on 127.0.0.1 right now. */
    public static int tcp() {
        try (ServerSocket tcp = new ServerSocket()) {
            tcp.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return tcp.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The first port of a range of {@code size} UDP ports for TURN relays, chosen at random in 20000-60000 so that
     * several test runs on one machine rarely overlap (coturn skips ports in use anyway).
     */
    public static int relayRangeStart(int size) {
        return 20000 + ThreadLocalRandom.current().nextInt((60000 - 20000 - size) / size) * size;
    }
}
