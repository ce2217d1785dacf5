package dev.carecall.e2e.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real coturn ({@code turnserver} from Debian's {@code coturn} package) started by the test with a configuration
 * made from the shipped example {@code deploy/coturn/turnserver.conf}: time-limited credentials ({@code use-auth-secret} with {@code static-auth-secret}), a realm, STUN
 * and TURN on UDP and TCP on one port, TURN over TLS with the test certificate on another, no CLI, a log file.
 *
 * <p>coturn refuses to relay to loopback peers unless told, which is what production wants (the shipped example
 * config denies private ranges too). Here both parties sit on 127.0.0.1, so the generated config allows loopback
 * peers ({@code allow-loopback-peers}) for the test only. {@link #close()} stops the process (also after a failed
 * test, when used with try-with-resources or an {@code @AfterAll}).
 */
public final class Coturn implements AutoCloseable {
    /** Long enough for a machine whose load runs high (coturn prints its features slowly then). */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(45);
    /**
     * Keys of the shipped example the test sets itself; {@code denied-peer-ip} goes because the test's parties are on
     * loopback and private addresses, which the example rightly refuses.
     */
    private static final java.util.Set<String> OVERRIDDEN = java.util.Set.of("listening-port", "tls-listening-port",
            "listening-ip", "relay-ip", "external-ip", "min-port", "max-port", "static-auth-secret", "realm", "cert",
            "pkey", "log-file", "denied-peer-ip");

    /**
     * Where coturn listens and relays.
     *
     * @param listeningIps        addresses to listen on (the test's loopback, or a namespace's host side)
     * @param relayIp             the address relays are allocated on
     * @param externalIp          what coturn announces as its relay address, or null for {@code relayIp}
     * @param allowLoopbackPeers  allow peers on 127.0.0.0/8 (tests only)
     */
    public record Network(List<String> listeningIps, String relayIp, String externalIp, boolean allowLoopbackPeers) {
        /** Listening, relaying and peers on 127.0.0.1. */
        public static Network loopback() {
            return new Network(List.of("127.0.0.1"), "127.0.0.1", null, true);
        }
    }

    private final Path directory;
    private final TestCa ca;
    private final Network network;
    private final int port;
    private final int tlsPort;
    private final String realm = "carecall.test";
    private final Path log;
    private volatile String secret;
    private Process process;

    private Coturn(Path directory, TestCa ca, Network network, String secret) {
        this.directory = directory;
        this.ca = ca;
        this.network = network;
        this.secret = secret;
        this.port = FreePorts.tcpAndUdp();
        this.tlsPort = FreePorts.tcpAndUdp();
        this.log = directory.resolve("turnserver.log");
    }

    /** Starts coturn on loopback with a random secret; TLS with the CA's server certificate. */
    public static Coturn start(Path directory, TestCa ca) {
        return start(directory, ca, Network.loopback());
    }

    public static Coturn start(Path directory, TestCa ca, Network network) {
        Coturn coturn = new Coturn(directory, ca, network, "turn-" + UUID.randomUUID());
        coturn.launch();
        return coturn;
    }

    /** Stops coturn and starts it again with another shared secret (credentials minted with the old one fail). */
    public void restartWithSecret(String newSecret) {
        stop();
        secret = newSecret;
        launch();
    }

    /** Starts coturn again after {@link #stop()}, same ports and secret. */
    public void restart() {
        stop();
        launch();
    }

    /** The shared secret the backend mints credentials with ({@code carecall.turn.secret}). */
    public String secret() {
        return secret;
    }

    public String realm() {
        return realm;
    }

    /** The address clients reach coturn at: the first listening IP. */
    public String host() {
        return network.listeningIps().getFirst();
    }

    /** STUN and TURN on UDP and TCP. */
    public int port() {
        return port;
    }

    /** TURN over TLS. */
    public int tlsPort() {
        return tlsPort;
    }

    /** {@code carecall.turn.urls}: TURN over UDP, TCP and TLS. */
    public String turnUrls() {
        String h = host();
        return "turn:" + h + ":" + port + "?transport=udp,turn:" + h + ":" + port + "?transport=tcp,turns:" + h + ":"
                + tlsPort + "?transport=tcp";
    }

    /** A STUN URL of this server (coturn answers STUN binding requests on its TURN port). */
    public String stunUrl() {
        return "stun:" + host() + ":" + port;
    }

    /** What coturn logged so far. */
    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path logFile() {
        return log;
    }

    public boolean running() {
        return process != null && process.isAlive();
    }

    private void launch() {
        Path config = directory.resolve("turnserver.conf");
        List<String> lines = new ArrayList<>(DeployExamples.lines(DeployExamples.COTURN).stream()
                .filter(line -> !OVERRIDDEN.contains(line.split("=", 2)[0].strip()))
                .toList());
        network.listeningIps().forEach(ip -> lines.add("listening-ip=" + ip));
        lines.add("relay-ip=" + network.relayIp());
        if (network.externalIp() != null) {
            lines.add("external-ip=" + network.externalIp());
        }
        int relayStart = FreePorts.relayRangeStart(200);
        lines.addAll(List.of(
                "listening-port=" + port,
                "tls-listening-port=" + tlsPort,
                // no alternate listeners: only the ports this test chose
                "alt-listening-port=0",
                "alt-tls-listening-port=0",
                "min-port=" + relayStart,
                "max-port=" + (relayStart + 199),
                "static-auth-secret=" + secret,
                "realm=" + realm,
                "cert=" + ca.certificateFile(),
                "pkey=" + ca.keyFile(),
                "userdb=" + directory.resolve("turndb"),
                "pidfile=" + directory.resolve("turnserver.pid"),
                "log-file=" + log,
                "verbose"));
        if (network.allowLoopbackPeers()) {
            lines.add("allow-loopback-peers");
        }
        try {
            Files.createDirectories(directory);
            Files.write(config, lines);
            Files.deleteIfExists(log);
            process = new ProcessBuilder(System.getProperty("carecall.turnserver", "/usr/bin/turnserver"),
                    "-c", config.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("turnserver.out").toFile())
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start coturn (/usr/bin/turnserver, Debian package coturn; "
                    + "scripts/test.sh installs it): " + e.getMessage(), e);
        }
        awaitListening();
    }

    /** Waits until both TCP listeners accept; UDP opens in the same start-up step, before them. */
    private void awaitListening() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!(accepts(port) && accepts(tlsPort))) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                String output = output();
                stop();
                throw new IllegalStateException("coturn did not start listening on " + host() + ":" + port + "/"
                        + tlsPort + ":\n" + output + "\n" + log());
            }
            Pause.briefly();
        }
    }

    private boolean accepts(int tcpPort) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host(), tcpPort), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String output() {
        try {
            Path out = directory.resolve("turnserver.out");
            return Files.exists(out) ? Files.readString(out) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** Stops coturn (SIGTERM, then SIGKILL after 5 s). Safe to call twice. */
    public void stop() {
        Process p = process;
        if (p == null) {
            return;
        }
        p.destroy();
        try {
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
        }
        process = null;
    }

    @Override
    public void close() {
        stop();
    }
}
