package dev.carecall.backend;

import dev.carecall.protocol.ClientMessage;
import dev.carecall.protocol.ProtocolCodec;
import dev.carecall.protocol.Role;
import dev.carecall.protocol.ServerMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The server pings every socket and drops one that stopped answering, so presence stays true. */
class KeepAliveIT {
    @RegisterExtension
    static final TestBackend BACKEND = TestBackend.with(settings -> settings.with(
            settings.sockets().withRoomKeepAlive(Duration.ofMillis(200))));
    private final CareCallServer server = BACKEND.server();

    @Test
    void aQuietButLiveSocketStaysConnected() {
        long id = server.createAppointment("demo-doctor", "Elif Demir", Instant.now(), true);
        try (SocketClient doctor = SocketClient.room(server, id, server.doctorToken("demo-doctor"));
             SocketClient patient = SocketClient.room(server, id, server.patientToken(id))) {
            doctor.expect(ServerMessage.PeerPresence.class);
            patient.awaitPings(10); // two seconds of silence: more than three ping intervals
            doctor.assertNothingElseThenPong(); // no "patient left"
            patient.assertNothingElseThenPong();
        }
    }

    @Test
    void aStallOfTheServerItselfDropsNobody() throws InterruptedException {
        long id = server.createAppointment("demo-doctor", "Amara Nwosu", Instant.now(), true);
        try (SocketClient doctor = SocketClient.room(server, id, server.doctorToken("demo-doctor"));
             SocketClient patient = SocketClient.room(server, id, server.patientToken(id))) {
            doctor.expect(ServerMessage.PeerPresence.class);
            // Every carrier thread of the virtual threads busy for ten keep-alive intervals, as in a long pause of
            // the process or a machine short of CPU: no ping goes out and no pong is read meanwhile. (Before, the
            // first keep-alive after it dropped both sockets as silent.)
            long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            List<Thread> busy = new ArrayList<>();
            for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
                busy.add(Thread.ofVirtual().start(() -> {
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                }));
            }
            for (Thread t : busy) {
                assertTrue(t.join(Duration.ofSeconds(10)));
            }
            patient.awaitPings(5);
            doctor.assertNothingElseThenPong(); // no "patient left"
            patient.assertNothingElseThenPong();
        }
    }

    @Test
    void aConnectionThatStoppedAnsweringIsDroppedAndTheOtherPartyIsTold() throws IOException {
        long id = server.createAppointment("demo-doctor", "Pablo Ortega", Instant.now(), true);
        try (SocketClient doctor = SocketClient.room(server, id, server.doctorToken("demo-doctor"));
             Socket dead = new Socket(server.webSocketBaseUri().getHost(), server.webSocketBaseUri().getPort())) {
            // A hand-made client: upgrades, registers, then never reads or answers again (a phone gone off-line).
            OutputStream out = dead.getOutputStream();
            out.write(("GET /ws/appointments/" + id + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            assertTrue(readHeaders(dead.getInputStream()).startsWith("HTTP/1.1 101"));
            out.write(maskedTextFrame(new ProtocolCodec().encode(new ClientMessage.Register(server.patientToken(id)))));
            out.flush();

            assertEquals(new ServerMessage.PeerPresence(Role.PATIENT, true),
                    doctor.expect(ServerMessage.PeerPresence.class));
            assertEquals(new ServerMessage.PeerPresence(Role.PATIENT, false),
                    doctor.expect(ServerMessage.PeerPresence.class), "the silent patient was dropped");
        }
    }

    private static String readHeaders(InputStream in) throws IOException {
        ByteArrayOutputStream headers = new ByteArrayOutputStream();
        while (!headers.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            headers.write(b);
        }
        return headers.toString(StandardCharsets.US_ASCII);
    }

    /** One final text frame, masked as RFC 6455 requires of clients. */
    private static byte[] maskedTextFrame(String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        byte[] mask = {0x12, 0x34, 0x56, 0x78};
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x81);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else {
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length & 0xff);
        }
        frame.writeBytes(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        return frame.toByteArray();
    }
}
