package dev.carecall.backend;

import dev.carecall.backend.room.RelaySettings;
import dev.carecall.backend.storage.CallSession;
import dev.carecall.protocol.CallEndReason;
import dev.carecall.protocol.CallStatus;
import dev.carecall.protocol.ClientMessage;
import dev.carecall.protocol.ProtocolCodec;
import dev.carecall.protocol.Readiness;
import dev.carecall.protocol.Role;
import dev.carecall.protocol.ServerMessage;
import dev.carecall.protocol.SignalPayload;
import dev.carecall.protocol.rest.CallStatusView;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two instances on one database and one Redis, no sticky routing: the doctor's socket on A, the patient's on B.
 * Everything a call needs crosses between them through the room bus, in order; both instances report the same call;
 * the waiting room crosses too; and when both parties press Start at the same moment on different instances there is
 * exactly one session.
 */
class RoomsAcrossInstancesIT {
    private static final ProtocolCodec CODEC = new ProtocolCodec();
    /** Rounds of both pressing Start at once ({@code -Dcarecall.redis.startRounds=100} for more). */
    private static final int ROUNDS = Integer.getInteger("carecall.redis.startRounds", 25);
    private static TwoInstances cluster;

    @BeforeAll
    static void start() {
        RelaySettings relay = RelaySettings.DEFAULTS;
        // The rounds press Start and End faster than any person; the default allows 10 a second.
        cluster = TwoInstances.start(TwoInstances.REDIS, relay.withRates(relay.signals(), relay.chat(),
                relay.mediaState(), new RelaySettings.Rate(1000, 1000)));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aDoctorOnOneInstanceAndAPatientOnTheOtherHoldACall() {
        CareCallServer a = cluster.a();
        CareCallServer b = cluster.b();
        long id = a.createAppointment("demo-doctor", "Lena Fischer", Instant.now(), true);
        String doctorToken = a.doctorToken("demo-doctor");
        try (SocketClient lobby = SocketClient.connect(b.webSocketBaseUri().resolve("/ws/lobby"));
             SocketClient doctor = SocketClient.room(a, id, doctorToken);
             SocketClient patient = SocketClient.connect(b.webSocketBaseUri().resolve("/ws/appointments/" + id))) {
            lobby.send(new ClientMessage.Register(doctorToken));
            lobby.expect(ServerMessage.Registered.class);
            patient.send(new ClientMessage.Register(a.patientToken(id)));
            assertTrue(patient.expect(ServerMessage.Registered.class).peerConnected(),
                    "the patient on B sees the doctor on A present");
            assertEquals(new ServerMessage.PeerPresence(Role.PATIENT, true),
                    doctor.expect(ServerMessage.PeerPresence.class));

            doctor.send(new ClientMessage.StartCall());
            ServerMessage.ActiveCall started = doctor.expect(ServerMessage.ActiveCall.class);
            assertEquals(started, patient.expect(ServerMessage.ActiveCall.class), "the same call on B");
            assertEquals(CallStatus.WAITING, lobby.expect(ServerMessage.CallStatusChanged.class).callStatus(),
                    "the doctor's lobby on B hears the start on A");

            patient.send(new ClientMessage.JoinCall());
            ServerMessage.JoinerConnected joined = patient.expect(ServerMessage.JoinerConnected.class);
            assertEquals(joined, doctor.expect(ServerMessage.JoinerConnected.class));
            assertEquals(CallStatus.ACTIVE, lobby.expect(ServerMessage.CallStatusChanged.class).callStatus());

            // Signals both ways, in the order sent: an offer and its candidates must not overtake each other.
            for (int i = 0; i < 20; i++) {
                doctor.send(new ClientMessage.Signal(candidate(i)));
            }
            for (int i = 0; i < 20; i++) {
                assertEquals(new ServerMessage.Signal(Role.DOCTOR, candidate(i)),
                        patient.expect(ServerMessage.Signal.class), "candidate " + i + " in order");
            }
            SignalPayload answer = SignalPayload.parse(CODEC.tree("{\"type\":\"answer\",\"sdp\":\"v=0 answer\"}"));
            patient.send(new ClientMessage.Signal(answer));
            assertEquals(new ServerMessage.Signal(Role.PATIENT, answer), doctor.expect(ServerMessage.Signal.class));

            patient.send(new ClientMessage.MediaState(false, true));
            assertEquals(new ServerMessage.MediaState(Role.PATIENT, false, true),
                    doctor.expect(ServerMessage.MediaState.class));
            doctor.send(new ClientMessage.Chat("Guten Tag, Frau Fischer"));
            ServerMessage.Chat line = doctor.expect(ServerMessage.Chat.class);
            assertEquals(line, patient.expect(ServerMessage.Chat.class));

            for (CareCallServer instance : List.of(a, b)) {
                CallStatusView status = TwoInstances.callStatus(instance, id, doctorToken);
                assertEquals(CallStatus.ACTIVE, status.callStatus());
                assertEquals(started.sessionId(), status.sessionId());
                assertTrue(status.doctorConnected() && status.patientConnected(), "both present, seen from " + status);
            }

            patient.send(new ClientMessage.EndCall());
            ServerMessage.CallEnded ended = patient.expect(ServerMessage.CallEnded.class);
            assertEquals(ended, doctor.expect(ServerMessage.CallEnded.class));
            assertEquals(CallStatus.ENDED, lobby.expect(ServerMessage.CallStatusChanged.class).callStatus());
            List<CallSession> sessions = a.store().sessionsOf(id);
            assertEquals(1, sessions.size());
            assertEquals(CallStatus.ENDED, sessions.getFirst().status());

            patient.close();
            assertEquals(new ServerMessage.PeerPresence(Role.PATIENT, false),
                    doctor.await(ServerMessage.PeerPresence.class), "the doctor on A sees the patient on B leave");
        }
    }

    /**
     * The waiting room with the doctor's lobby on A and the patient's room socket on B: the pre-call check and the
     * knock reach the lobby, the doctor's note and decline (REST on A) reach the waiting patient.
     */
    @Test
    void theWaitingRoomWorksWithTheDoctorAndThePatientOnDifferentInstances() {
        CareCallServer a = cluster.a();
        CareCallServer b = cluster.b();
        long id = a.createAppointment("demo-doctor", "Greta Lindqvist", Instant.now(), true);
        String doctorToken = a.doctorToken("demo-doctor");
        String path = "/api/appointments/" + id;
        try (SocketClient lobby = SocketClient.connect(a.webSocketBaseUri().resolve("/ws/lobby"));
             SocketClient patient = SocketClient.room(b, id, a.patientToken(id))) {
            lobby.send(new ClientMessage.Register(doctorToken));
            lobby.expect(ServerMessage.Registered.class);
            Readiness checked = new Readiness(new Readiness.Camera(Readiness.DeviceStatus.OK, true),
                    new Readiness.Microphone(Readiness.DeviceStatus.OK, true),
                    new Readiness.Speaker(Readiness.SpeakerStatus.HEARD), "Chrome 131", "Linux desktop",
                    new Readiness.NetworkProbe(List.of(Readiness.CandidateType.HOST), 40, 2000));
            patient.send(new ClientMessage.ReadinessReport(checked));
            assertEquals(checked, lobby.await(ServerMessage.PatientReadiness.class).readiness(),
                    "the check on B reaches the lobby on A");

            patient.send(new ClientMessage.StartCall());
            long session = patient.expect(ServerMessage.ActiveCall.class).sessionId();
            assertEquals(CallStatus.WAITING, lobby.await(ServerMessage.CallStatusChanged.class).callStatus(),
                    "the knock on B reaches the lobby on A");

            assertEquals(204, TwoInstances.post(a, path + "/waiting-message", doctorToken,
                    "{\"text\":\"I'm running 5 minutes late.\"}").statusCode());
            ServerMessage.WaitingMessage note = patient.await(ServerMessage.WaitingMessage.class);
            assertEquals("I'm running 5 minutes late.", note.text());
            assertEquals(session, note.sessionId());

            HttpResponse<String> declined = TwoInstances.post(a, path + "/decline", doctorToken,
                    "{\"reason\":\"An emergency came in; the practice will call you.\"}");
            assertEquals(200, declined.statusCode(), declined.body());
            assertEquals("An emergency came in; the practice will call you.",
                    patient.await(ServerMessage.CallDeclined.class).reason());
            assertEquals(CallEndReason.DECLINED, patient.await(ServerMessage.CallEnded.class).reason());
            assertEquals(CallStatus.ENDED, lobby.await(ServerMessage.CallStatusChanged.class).callStatus());
        }
    }

    @Test
    void bothPressingStartAtOnceOnTwoInstancesMakeOneSession() throws Exception {
        Map<Role, Integer> startedBy = new EnumMap<>(Role.class);
        ExecutorService pressers = Executors.newVirtualThreadPerTaskExecutor();
        try {
            for (int round = 0; round < ROUNDS; round++) {
                // The doctor on A and the patient on B, then the other way round.
                CareCallServer doctorSide = round % 2 == 0 ? cluster.a() : cluster.b();
                CareCallServer patientSide = round % 2 == 0 ? cluster.b() : cluster.a();
                long id = cluster.a().createAppointment("demo-doctor", "Round " + round, Instant.now(), true);
                String doctorToken = cluster.a().doctorToken("demo-doctor");
                try (SocketClient doctor = SocketClient.room(doctorSide, id, doctorToken);
                     SocketClient patient = SocketClient.room(patientSide, id, cluster.a().patientToken(id))) {
                    doctor.await(ServerMessage.PeerPresence.class);
                    CountDownLatch go = new CountDownLatch(1);
                    Future<?> d = pressers.submit(() -> press(go, doctor));
                    Future<?> p = pressers.submit(() -> press(go, patient));
                    go.countDown();
                    d.get();
                    p.get();
                    ServerMessage.JoinerConnected seenByDoctor = doctor.await(ServerMessage.JoinerConnected.class);
                    ServerMessage.JoinerConnected seenByPatient = patient.await(ServerMessage.JoinerConnected.class);
                    assertEquals(seenByDoctor, seenByPatient, "round " + round + ": both see the same join");
                    List<CallSession> sessions = cluster.a().store().sessionsOf(id);
                    assertEquals(1, sessions.size(), "round " + round + ": one session, not " + sessions);
                    assertEquals(seenByDoctor.sessionId(), sessions.getFirst().id());
                    startedBy.merge(sessions.getFirst().startedBy(), 1, Integer::sum);
                    for (CareCallServer instance : List.of(cluster.a(), cluster.b())) {
                        CallStatusView status = TwoInstances.callStatus(instance, id, doctorToken);
                        assertEquals(CallStatus.ACTIVE, status.callStatus(), "round " + round);
                        assertEquals(seenByDoctor.sessionId(), status.sessionId(), "round " + round);
                    }
                    // Neither is left believing the call only waits.
                    for (SocketClient side : List.of(doctor, patient)) {
                        for (ServerMessage late : side.pending()) {
                            assertFalse(late instanceof ServerMessage.ActiveCall a
                                    && a.callStatus() == CallStatus.WAITING, "round " + round + ": stale " + late);
                        }
                    }
                }
            }
        } finally {
            pressers.shutdownNow();
        }
        System.out.printf("%d rounds of both pressing Start at once on two instances: one session each; "
                + "the session counted as started by %s%n", ROUNDS, startedBy);
    }

    /**
     * Round after round on one appointment, the doctor on A and the patient on B: both press Start at once, then the
     * doctor hangs up, and each side presses Start again as soon as it heard of the end. Each instance must have read
     * the end before its party hears of it, or a Start there would rejoin the call that just ended.
     */
    @Test
    void startingAgainRightAfterTheEndMakesANewSessionEachRound() throws Exception {
        long id = cluster.a().createAppointment("demo-doctor", "Kofi Mensah", Instant.now(), true);
        String doctorToken = cluster.a().doctorToken("demo-doctor");
        ExecutorService pressers = Executors.newVirtualThreadPerTaskExecutor();
        try (SocketClient doctor = SocketClient.room(cluster.a(), id, doctorToken);
             SocketClient patient = SocketClient.room(cluster.b(), id, cluster.a().patientToken(id))) {
            doctor.await(ServerMessage.PeerPresence.class);
            Set<Long> sessions = new HashSet<>();
            for (int round = 0; round < ROUNDS; round++) {
                CountDownLatch go = new CountDownLatch(1);
                Future<?> d = pressers.submit(() -> press(go, doctor));
                Future<?> p = pressers.submit(() -> press(go, patient));
                go.countDown();
                d.get();
                p.get();
                ServerMessage.JoinerConnected seenByDoctor = doctor.await(ServerMessage.JoinerConnected.class);
                assertEquals(seenByDoctor, patient.await(ServerMessage.JoinerConnected.class), "round " + round);
                assertTrue(sessions.add(seenByDoctor.sessionId()), "round " + round + ": a new session");
                doctor.send(new ClientMessage.EndCall());
                assertEquals(seenByDoctor.sessionId(), doctor.await(ServerMessage.CallEnded.class).sessionId());
                assertEquals(seenByDoctor.sessionId(), patient.await(ServerMessage.CallEnded.class).sessionId());
            }
        } finally {
            pressers.shutdownNow();
        }
        assertEquals(ROUNDS, cluster.a().store().sessionsOf(id).size(), "one session per round");
    }

    @Test
    void presenceKeysAreGoneOnceTheSocketsLeft() {
        CareCallServer a = cluster.a();
        long id = a.createAppointment("demo-doctor", "Ada Keller", Instant.now(), true);
        try (SocketClient doctor = SocketClient.room(a, id, a.doctorToken("demo-doctor"))) {
            Awaitility.await("the doctor's presence in Redis").atMost(Duration.ofSeconds(10))
                    .until(() -> TwoInstances.keys(cluster.redis()).stream()
                            .anyMatch(k -> k.endsWith(":presence:" + id + ":doctor")));
        }
        Awaitility.await("the presence key deleted when the socket left").atMost(Duration.ofSeconds(10))
                .until(() -> TwoInstances.keys(cluster.redis()).stream()
                        .noneMatch(k -> k.contains(":presence:" + id + ":")));
    }

    private static void press(CountDownLatch go, SocketClient side) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        side.send(new ClientMessage.StartCall());
    }

    private static SignalPayload candidate(int i) {
        return SignalPayload.parse(CODEC.tree("{\"candidate\":\"candidate:" + i + " 1 udp 2122260223 192.0.2.1 "
                + (51000 + i) + " typ host\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}"));
    }
}
