package dev.carecall.backend;

import dev.carecall.protocol.ClientMessage;
import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.ProtocolCodec;
import dev.carecall.protocol.Role;
import dev.carecall.protocol.ServerMessage;
import dev.carecall.protocol.SignalPayload;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two instances on a Redis of this test's own (a {@code redis-server} process it starts, so stopping it touches
 * nobody else's), which is stopped in the middle of a call whose parties sit on different instances: both
 * instances say DOWN on {@code /observe/health}, a party's message to the other instance is refused with
 * {@code PEER_UNREACHABLE} instead of being lost without a word, a room whose parties share an instance goes on,
 * sign-ins are still answered (the throttle counts in memory meanwhile), and once Redis is back the call across
 * instances carries messages again.
 */
class RedisDownIT {
    private static final ProtocolCodec CODEC = new ProtocolCodec();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static int port;
    private static Path dir;
    private static Process redis;
    private static TwoInstances cluster;

    @BeforeAll
    static void start() throws IOException {
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        dir = Files.createTempDirectory("carecall-redis-down");
        startRedis();
        cluster = TwoInstances.start("redis://127.0.0.1:" + port);
    }

    @AfterAll
    static void stop() {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            stopRedis();
        }
    }

    @Test
    void withRedisStoppedTheInstancesSaySoAndRefuseWhatCannotCross() {
        CareCallServer a = cluster.a();
        CareCallServer b = cluster.b();
        long across = a.createAppointment("demo-doctor", "Noah Becker", Instant.now(), true);
        long together = a.createAppointment("demo-doctor", "Mia Wagner", Instant.now(), true);
        String doctorToken = a.doctorToken("demo-doctor");
        try (SocketClient doctor = SocketClient.room(a, across, doctorToken);
             SocketClient patient = SocketClient.room(b, across, a.patientToken(across));
             SocketClient doctorHere = SocketClient.room(a, together, doctorToken);
             SocketClient patientHere = SocketClient.room(a, together, a.patientToken(together))) {
            doctor.await(ServerMessage.PeerPresence.class);
            doctor.send(new ClientMessage.StartCall());
            patient.await(ServerMessage.ActiveCall.class);
            patient.send(new ClientMessage.JoinCall());
            doctor.await(ServerMessage.JoinerConnected.class);
            doctorHere.send(new ClientMessage.StartCall());
            patientHere.await(ServerMessage.ActiveCall.class);
            patientHere.send(new ClientMessage.JoinCall());
            doctorHere.await(ServerMessage.JoinerConnected.class);
            assertHealth(a, 200);
            assertHealth(b, 200);

            stopRedis();
            Awaitility.await("A says DOWN").atMost(WAIT).until(() -> health(a) == 503);
            Awaitility.await("B says DOWN").atMost(WAIT).until(() -> health(b) == 503);
            System.out.println("Redis stopped: both instances answer 503 on /observe/health");

            doctor.send(new ClientMessage.Signal(offer("v=0 while redis is down"), "r-1"));
            ServerMessage.Error refused = doctor.await(ServerMessage.Error.class);
            assertEquals(ErrorCode.PEER_UNREACHABLE, refused.code());
            assertEquals("r-1", refused.requestId());
            System.out.println("a signal to the other instance: " + refused.code() + " \"" + refused.message() + "\"");

            // The sign-in throttle counts in the instance's own memory meanwhile: a wrong password is still a 401.
            assertEquals(401, TwoInstances.post(a, "/api/auth/login", null,
                    "{\"username\":\"demo-doctor\",\"password\":\"not it\"}").statusCode());

            doctorHere.send(new ClientMessage.Signal(offer("v=0 same instance")));
            assertEquals(new ServerMessage.Signal(Role.DOCTOR, offer("v=0 same instance")),
                    patientHere.await(ServerMessage.Signal.class), "a room on one instance goes on");

            startRedis();
            Awaitility.await("A says UP again").atMost(WAIT).until(() -> health(a) == 200);
            Awaitility.await("B says UP again").atMost(WAIT).until(() -> health(b) == 200);
            Awaitility.await("signals cross again").atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
                doctor.send(new ClientMessage.Signal(offer("v=0 redis is back")));
                return patient.pending().stream().anyMatch(m -> m instanceof ServerMessage.Signal);
            });
        }
    }

    private static SignalPayload offer(String sdp) {
        return SignalPayload.parse(CODEC.tree("{\"type\":\"offer\",\"sdp\":\"" + sdp + "\"}"));
    }

    private static void assertHealth(CareCallServer server, int expected) {
        assertEquals(expected, health(server));
    }

    /** 200 for UP (204 counted as 200), 503 for DOWN. */
    private static int health(CareCallServer server) {
        int code = TwoInstances.get(server, "/observe/health", null).statusCode();
        return code == 204 ? 200 : code;
    }

    private static void startRedis() {
        try {
            redis = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no", "--dir", dir.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start redis-server (Debian package redis-server)", e);
        }
        Awaitility.await("redis-server listening on " + port).atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
                    try (Socket s = new Socket("127.0.0.1", port)) {
                        return true;
                    }
                });
    }

    private static void stopRedis() {
        if (redis != null && redis.isAlive()) {
            redis.destroyForcibly();
            try {
                redis.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

}
