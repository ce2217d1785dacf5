package dev.carecall.backend;

import dev.carecall.backend.room.Participant;
import dev.carecall.backend.room.RelaySettings;
import dev.carecall.protocol.CallStatus;
import dev.carecall.protocol.ClientMessage;
import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.ProtocolCodec;
import dev.carecall.protocol.Role;
import dev.carecall.protocol.ServerMessage;
import dev.carecall.protocol.SignalPayload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What one client may cost the others: a socket that sends but never reads, a socket that floods signals, an unpaid
 * appointment's room, and rooms that nobody uses any more. Every call a test starts is ended, so that the last
 * test can watch every room leave memory.
 */
class RelayLimitsIT {
    private static final ProtocolCodec CODEC = new ProtocolCodec();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern ROOMS_LOADED = Pattern.compile("(?m)^carecall_rooms_loaded(?:\\{[^}]*})? (\\S+)$");
    private static final SignalPayload CANDIDATE = ((ClientMessage.Signal) CODEC.decodeClient("""
            {"type":"signal","signal":{"candidate":"candidate:1 1 udp 2122260223 192.0.2.1 50000 typ host",\
            "sdpMid":"0","sdpMLineIndex":0}}""")).signal();

    /**
     * Chat is not rate-limited here, so a client can flood its own socket with the echo of its lines as the issue's
     * attacker did; the other limits are the defaults. Rooms leave memory after half a second unused.
     */
    @RegisterExtension
    static final TestBackend BACKEND = TestBackend.with(settings -> settings.with(RelaySettings.DEFAULTS
            .withSendStall(Duration.ofSeconds(2))
            .withRoomIdle(Duration.ofMillis(500))
            .withRates(RelaySettings.DEFAULTS.signals(), new RelaySettings.Rate(100_000, 100_000),
                    RelaySettings.DEFAULTS.mediaState(), RelaySettings.DEFAULTS.callActions())));
    private final CareCallServer server = BACKEND.server();

    @Test
    void aClientThatNeverReadsHoldsUpNobodyAndIsClosedAsTooSlow() throws Exception {
        long flooded = appointment(true);
        long other = appointment(true);
        try (SocketClient doctor = SocketClient.room(server, flooded, doctorToken());
             SocketClient otherDoctor = SocketClient.room(server, other, doctorToken());
             SocketClient otherPatient = SocketClient.room(server, other, server.patientToken(other));
             RawSocket attacker = RawSocket.open(roomAddress(flooded), 4096)) {
            // A legitimate call in another room, running through the flood.
            otherDoctor.expect(ServerMessage.PeerPresence.class);
            otherDoctor.send(new ClientMessage.StartCall());
            otherPatient.await(ServerMessage.ActiveCall.class);
            otherPatient.send(new ClientMessage.JoinCall());
            otherDoctor.await(ServerMessage.JoinerConnected.class);
            otherPatient.await(ServerMessage.JoinerConnected.class);

            attacker.sendText(CODEC.encode(new ClientMessage.Register(server.patientToken(flooded))));
            assertEquals(new ServerMessage.PeerPresence(Role.PATIENT, true),
                    doctor.expect(ServerMessage.PeerPresence.class));

            String line = CODEC.encode(new ClientMessage.Chat("x".repeat(2_000)));
            AtomicInteger sent = new AtomicInteger();
            Thread flood = Thread.ofVirtual().start(() -> {
                long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                try {
                    for (int i = 0; i < 5_000 && System.nanoTime() < until; i++) {
                        attacker.sendText(line);
                        sent.incrementAndGet();
                    }
                } catch (IOException e) {
                    // cut by the server: the flood ends
                }
            });
            // 1,000 lines echoed back are 2 MB: well past what the kernel buffers for a client that does not read.
            await().atMost(Duration.ofSeconds(30)).until(() -> sent.get() >= 1_000);

            long t0 = System.nanoTime();
            doctor.send(new ClientMessage.StartCall("start"));
            assertEquals(CallStatus.WAITING, skipTo(doctor, ServerMessage.ActiveCall.class).callStatus());
            long startMs = millisSince(t0);

            t0 = System.nanoTime();
            HttpResponse<String> status = get("/api/appointments/" + flooded + "/call-status");
            long statusMs = millisSince(t0);
            assertEquals(200, status.statusCode(), status.body());

            t0 = System.nanoTime();
            try (SocketClient lobby = SocketClient.connect(server.webSocketBaseUri().resolve("/ws/lobby"))) {
                lobby.send(new ClientMessage.Register(doctorToken()));
                lobby.expect(ServerMessage.Registered.class);
            }
            long lobbyMs = millisSince(t0);

            t0 = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                otherPatient.send(new ClientMessage.Signal(CANDIDATE));
                otherDoctor.await(ServerMessage.Signal.class);
            }
            long otherRoomMs = millisSince(t0);

            // Given up: its seat is free, the doctor is told, the room carries on.
            assertEquals(new ServerMessage.PeerPresence(Role.PATIENT, false),
                    skipTo(doctor, ServerMessage.PeerPresence.class));
            int sentWhenGivenUp = sent.get();
            t0 = System.nanoTime();
            try (SocketClient patient = SocketClient.room(server, flooded, server.patientToken(flooded))) {
                long registerMs = millisSince(t0);
                patient.await(ServerMessage.ActiveCall.class);
                patient.send(new ClientMessage.JoinCall());
                assertEquals(Role.PATIENT, skipTo(doctor, ServerMessage.JoinerConnected.class).joinedBy());
                System.out.printf("Flood of chat lines from a socket that never reads (%d sent when it was given "
                                + "up): doctor's startCall %d ms, REST call-status %d ms, lobby registration %d ms, "
                                + "20 signals in another room %d ms, a new patient socket registered in %d ms%n",
                        sentWhenGivenUp, startMs, statusMs, lobbyMs, otherRoomMs, registerMs);
                doctor.send(new ClientMessage.EndCall());
                skipTo(doctor, ServerMessage.CallEnded.class);
            }

            flood.join(Duration.ofSeconds(60));
            RawSocket.ReadToClose read = attacker.readToClose();
            System.out.printf("The flooding socket read %d text frames, then close code %d%n", read.textFrames(),
                    read.closeCode());
            assertEquals(Participant.CLOSE_TOO_SLOW, read.closeCode());

            otherDoctor.send(new ClientMessage.EndCall());
            otherDoctor.await(ServerMessage.CallEnded.class);
        }
    }

    /**
     * Sockets that send faster than the server reads them (a flood, or any client of a server short of CPU) hold up
     * no other room. Socket messages are handled on virtual threads, which are not time-sliced: a reader whose socket
     * always has data never parks, so it keeps its carrier thread. With as many such sockets as carriers, every
     * room's queue and every socket's writer waited until the floods ended (the hostile suite's slow readers saw a
     * patient given up whose doctor was never told, the room's task waiting for a carrier).
     */
    @Test
    void socketsSendingFasterThanTheServerReadsHoldUpNoOtherRoom() throws Exception {
        int carriers = Integer.getInteger("jdk.virtualThreadScheduler.parallelism",
                Runtime.getRuntime().availableProcessors());
        String signal = "{\"type\":\"signal\",\"signal\":{\"type\":\"offer\",\"sdp\":\"v=0 "
                + "a".repeat(16_000) + "\"}}";
        long id = appointment(true);
        List<RawSocket> flooders = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong sent = new AtomicLong();
        try (SocketClient doctor = SocketClient.room(server, id, doctorToken());
             SocketClient patient = SocketClient.room(server, id, server.patientToken(id))) {
            doctor.expect(ServerMessage.PeerPresence.class);
            for (int i = 0; i < carriers; i++) {
                // Each in a room of its own, with no call: every signal is refused, the refusals read and dropped.
                long own = appointment(true);
                RawSocket flooder = RawSocket.open(roomAddress(own), 65_536);
                flooders.add(flooder);
                flooder.sendText(CODEC.encode(new ClientMessage.Register(server.patientToken(own))));
                threads.add(Thread.ofPlatform().daemon().start(() -> {
                    try {
                        flooder.readToClose();
                    } catch (IOException e) {
                        // silent for the socket timeout, or closed by the test: reading ends
                    }
                }));
                threads.add(Thread.ofPlatform().daemon().start(() -> {
                    long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                    try {
                        for (int n = 0; n < 100_000 && !stop.get() && System.nanoTime() < until; n++) {
                            flooder.sendText(signal);
                            sent.incrementAndGet();
                        }
                    } catch (IOException e) {
                        // closed: the flood ends
                    }
                }));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> sent.get() >= 500L * carriers);

            long t0 = System.nanoTime();
            for (int round = 0; round < 3; round++) {
                doctor.send(new ClientMessage.StartCall());
                patient.await(ServerMessage.ActiveCall.class);
                patient.send(new ClientMessage.JoinCall());
                doctor.await(ServerMessage.JoinerConnected.class);
                patient.send(new ClientMessage.Chat("round " + round));
                assertEquals("round " + round, doctor.await(ServerMessage.Chat.class).text());
                doctor.send(new ClientMessage.EndCall());
                patient.await(ServerMessage.CallEnded.class);
            }
            System.out.printf("%d sockets flooding 16 KB signals (%d sent so far): 3 calls started, joined, chatted "
                    + "in and ended in another room in %d ms%n", carriers, sent.get(), millisSince(t0));
        } finally {
            stop.set(true);
            for (RawSocket flooder : flooders) {
                flooder.close();
            }
            for (Thread thread : threads) {
                thread.join(Duration.ofSeconds(30));
            }
        }
    }

    @Test
    void aFloodOfSignalsIsRefusedBeyondTheBucket() {
        long id = appointment(true);
        try (SocketClient doctor = SocketClient.room(server, id, doctorToken());
             SocketClient patient = SocketClient.room(server, id, server.patientToken(id))) {
            doctor.expect(ServerMessage.PeerPresence.class);
            doctor.send(new ClientMessage.StartCall());
            patient.await(ServerMessage.ActiveCall.class);
            patient.send(new ClientMessage.JoinCall());
            doctor.await(ServerMessage.JoinerConnected.class);
            patient.await(ServerMessage.JoinerConnected.class);

            // 5,000 signals paced over 5 seconds: 1,000 a second against a bucket of 500 refilled at 200 a second.
            long start = System.nanoTime();
            for (int i = 0; i < 5_000; i++) {
                LockSupport.parkNanos(start + i * 1_000_000L - System.nanoTime());
                patient.send(new ClientMessage.Signal(CANDIDATE, "s" + i));
            }
            double sendSeconds = (System.nanoTime() - start) / 1e9;
            int relayed = 0;
            int limited = 0;
            long quietSince = System.nanoTime();
            while (relayed + limited < 5_000) {
                ServerMessage refused = patient.poll(Duration.ZERO);
                ServerMessage signal = doctor.poll(refused == null ? Duration.ofMillis(5) : Duration.ZERO);
                if (refused != null) {
                    assertEquals(ErrorCode.RATE_LIMITED, ((ServerMessage.Error) refused).code(), refused.toString());
                    limited++;
                }
                if (signal != null) {
                    assertTrue(signal instanceof ServerMessage.Signal, signal.toString());
                    relayed++;
                }
                if (refused != null || signal != null) {
                    quietSince = System.nanoTime();
                }
                assertTrue(System.nanoTime() - quietSince < SocketClient.WAIT.toNanos(),
                        "only " + relayed + " relayed and " + limited + " refused");
            }
            // The server may take the last ones later than they were sent: the bucket refills until the last answer.
            double seconds = (System.nanoTime() - start) / 1e9;
            double allowed = RelaySettings.DEFAULTS.signals().burst()
                    + RelaySettings.DEFAULTS.signals().perSecond() * seconds;
            System.out.printf("5,000 signals sent in %.1f s, all answered after %.1f s: %d relayed (the bucket allows "
                    + "at most %.0f), %d RATE_LIMITED%n", sendSeconds, seconds, relayed, allowed, limited);
            assertTrue(relayed <= allowed + 1, relayed + " relayed");
            assertTrue(limited >= 5_000 - allowed - 1, limited + " refused");
            doctor.send(new ClientMessage.Ping("after"));
            assertEquals(new ServerMessage.Pong("after"), doctor.next(), "nothing more was relayed");

            doctor.send(new ClientMessage.EndCall());
            doctor.await(ServerMessage.CallEnded.class);
        }
    }

    @Test
    void anUnpaidAppointmentsRoomRelaysNothing() {
        long id = appointment(false);
        try (SocketClient doctor = SocketClient.room(server, id, doctorToken());
             SocketClient patient = SocketClient.room(server, id, server.patientToken(id))) {
            doctor.expect(ServerMessage.PeerPresence.class);
            patient.send(new ClientMessage.Chat("hello", "c1"));
            assertEquals(ErrorCode.PAYMENT_REQUIRED, patient.expect(ServerMessage.Error.class).code());
            patient.send(new ClientMessage.MediaState(false, true, "m1"));
            assertEquals(ErrorCode.PAYMENT_REQUIRED, patient.expect(ServerMessage.Error.class).code());
            patient.send(new ClientMessage.ScreenShare(true, "s1"));
            assertEquals(ErrorCode.PAYMENT_REQUIRED, patient.expect(ServerMessage.Error.class).code());
            doctor.send(new ClientMessage.Chat("hello", "c2"));
            assertEquals(ErrorCode.PAYMENT_REQUIRED, doctor.expect(ServerMessage.Error.class).code());
            doctor.assertNothingElseThenPong();
            patient.assertNothingElseThenPong();
        }
    }

    @Test
    void idleRoomsLeaveMemoryAndComeBackWithTheirLog() throws Exception {
        long id = appointment(true);
        long sessionId;
        try (SocketClient doctor = SocketClient.room(server, id, doctorToken());
             SocketClient patient = SocketClient.room(server, id, server.patientToken(id))) {
            doctor.expect(ServerMessage.PeerPresence.class);
            doctor.send(new ClientMessage.StartCall());
            patient.await(ServerMessage.ActiveCall.class);
            patient.send(new ClientMessage.JoinCall());
            sessionId = doctor.await(ServerMessage.JoinerConnected.class).sessionId();
            patient.send(new ClientMessage.Signal(CANDIDATE));
            doctor.await(ServerMessage.Signal.class);
            doctor.send(new ClientMessage.Chat("see you"));
            doctor.await(ServerMessage.Chat.class);
            doctor.send(new ClientMessage.EndCall());
            doctor.await(ServerMessage.CallEnded.class);
            assertTrue(roomsLoaded() >= 1, "the room is in memory while its sockets are open");
        }
        String history = await().atMost(Duration.ofSeconds(10)).until(
                () -> get("/api/appointments/" + id + "/call-history").body(), body -> body.contains("\"chat\""));

        await().atMost(Duration.ofSeconds(20)).until(this::roomsLoaded, n -> n == 0);
        assertEquals(history, get("/api/appointments/" + id + "/call-history").body(),
                "the log of the evicted room is the stored one");
        try (SocketClient doctor = SocketClient.room(server, id, doctorToken())) {
            assertTrue(roomsLoaded() >= 1, "loaded again");
        }
        try (SocketClient doctor = connect(id)) {
            doctor.send(new ClientMessage.Register(doctorToken()));
            ServerMessage.Registered registered = doctor.expect(ServerMessage.Registered.class);
            assertEquals(CallStatus.ENDED, registered.callStatus());
            assertEquals(sessionId, registered.sessionId());
        }
    }

    private <T extends ServerMessage> T skipTo(SocketClient client, Class<T> type) {
        for (int i = 0; i < 20_000; i++) {
            ServerMessage next = client.next();
            if (type.isInstance(next)) {
                return type.cast(next);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " among 20,000 messages");
    }

    private double roomsLoaded() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(server.baseUri().resolve("/observe/metrics"))
                .header("Accept", "text/plain").build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = ROOMS_LOADED.matcher(response.body());
        assertTrue(m.find(), "no carecall_rooms_loaded in\n" + response.body());
        return Double.parseDouble(m.group(1));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(server.baseUri().resolve(path))
                .header("Authorization", "Bearer " + doctorToken())
                .timeout(SocketClient.WAIT).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI roomAddress(long id) {
        return server.webSocketBaseUri().resolve("/ws/appointments/" + id);
    }

    private SocketClient connect(long id) {
        return SocketClient.connect(roomAddress(id));
    }

    private long appointment(boolean paid) {
        return server.createAppointment("demo-doctor", "Grace Okafor", Instant.now(), paid);
    }

    private String doctorToken() {
        return server.doctorToken("demo-doctor");
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
