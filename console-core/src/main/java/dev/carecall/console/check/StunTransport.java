package dev.carecall.console.check;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;

/** How STUN messages reach the server: UDP datagrams, or a TCP or TLS stream of messages back to back. */
abstract sealed class StunTransport implements AutoCloseable {
    /** How a TURN URL's transport reaches the server. */
    enum Kind { UDP, TCP, TLS }

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    abstract Kind kind();

    abstract void send(byte[] message) throws IOException;

    /** The next STUN message within the timeout, or empty; bytes that are no STUN message are skipped. */
    abstract Optional<StunMessage> receive(Duration timeout) throws IOException;

    @Override
    public abstract void close();

    static StunTransport open(Kind kind, InetSocketAddress server, SSLContext tls) throws TurnException {
        try {
            return switch (kind) {
                case UDP -> new Udp(server);
                case TCP -> new Stream(Kind.TCP, connect(new Socket(), server));
                case TLS -> new Stream(Kind.TLS, handshake(tls, server));
            };
        } catch (SSLHandshakeException e) {
            throw new TurnException(TurnException.Kind.UNTRUSTED_CERTIFICATE, 0, "TLS to " + server + ": " + e, e);
        } catch (IOException e) {
            throw new TurnException(TurnException.Kind.CONNECT_FAILED, 0, kind + " to " + server + ": " + e, e);
        }
    }

    private static Socket connect(Socket socket, InetSocketAddress server) throws IOException {
        try {
            socket.connect(server, (int) CONNECT_TIMEOUT.toMillis());
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private static Socket handshake(SSLContext tls, InetSocketAddress server) throws IOException {
        Socket plain = connect(new Socket(), server);
        SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(plain, server.getHostString(),
                server.getPort(), true);
        // The certificate must name the server we meant, as for the HTTPS connection.
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        socket.setSoTimeout((int) CONNECT_TIMEOUT.toMillis());
        try {
            socket.startHandshake();
        } catch (IOException e) {
            socket.close();
            throw e;
        }
        return socket;
    }

    private static final class Udp extends StunTransport {
        private final DatagramSocket socket;
        private final byte[] buffer = new byte[2048];

        Udp(InetSocketAddress server) throws IOException {
            socket = new DatagramSocket();
            socket.connect(server);
        }

        @Override
        Kind kind() {
            return Kind.UDP;
        }

        @Override
        void send(byte[] message) throws IOException {
            socket.send(new DatagramPacket(message, message.length));
        }

        @Override
        Optional<StunMessage> receive(Duration timeout) throws IOException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return Optional.empty();
                }
                socket.setSoTimeout((int) left);
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException e) {
                    return Optional.empty();
                }
                Optional<StunMessage> message = StunMessage.decode(buffer, packet.getLength());
                if (message.isPresent()) {
                    return message;
                }
            }
        }

        @Override
        public void close() {
            socket.close();
        }
    }

    private static final class Stream extends StunTransport {
        private final Kind kind;
        private final Socket socket;
        private final DataInputStream in;
        private final OutputStream out;

        Stream(Kind kind, Socket socket) throws IOException {
            this.kind = kind;
            this.socket = socket;
            this.in = new DataInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
        }

        @Override
        Kind kind() {
            return kind;
        }

        @Override
        void send(byte[] message) throws IOException {
            out.write(message);
            out.flush();
        }

        @Override
        Optional<StunMessage> receive(Duration timeout) throws IOException {
            socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            byte[] header = new byte[20];
            try {
                in.readFully(header);
            } catch (SocketTimeoutException e) {
                return Optional.empty();
            } catch (EOFException e) {
                throw new IOException("the server closed the connection", e);
            }
            int length = (header[2] & 0xff) << 8 | (header[3] & 0xff);
            byte[] whole = new byte[20 + length];
            System.arraycopy(header, 0, whole, 0, 20);
            in.readFully(whole, 20, length);
            return StunMessage.decode(whole, whole.length);
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // closing: nothing left to do
            }
        }
    }
}
