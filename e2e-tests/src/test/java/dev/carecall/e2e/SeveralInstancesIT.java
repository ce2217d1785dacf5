package dev.carecall.e2e;

import dev.carecall.console.call.CallPhase;
import dev.carecall.console.call.CallStatistics;
import dev.carecall.console.signaling.SignalingState;
import dev.carecall.e2e.browser.Browser;
import dev.carecall.e2e.browser.BrowserOptions;
import dev.carecall.e2e.browser.PatientBrowser;
import dev.carecall.e2e.topology.BackendProcess;
import dev.carecall.e2e.topology.FreePorts;
import dev.carecall.e2e.topology.Nginx;
import dev.carecall.protocol.CallEndReason;
import dev.carecall.protocol.CallStatus;
import dev.carecall.protocol.ClientMessage;
import dev.carecall.protocol.ProtocolCodec;
import dev.carecall.protocol.ServerMessage;
import dev.carecall.protocol.rest.CallSessionView;
import dev.carecall.protocol.rest.CallStatusView;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Several backend instances, as separate processes on one PostgreSQL and the machine's Redis, behind a real nginx
 * that sends each request to the next instance (round-robin, nothing sticky). The doctor's console engine and the
 * patient's page in Chromium end up on different instances and hold a call through the room bus: media both ways,
 * toggles and chat across, one session seen alike by both instances. Then both parties press Start at the same
 * moment, one on each instance, round after round: exactly one session each time.
 */
class SeveralInstancesIT {
    private static final String REDIS = System.getProperty("carecall.test.redis", "redis://127.0.0.1:6379");
    /** Rounds of both pressing Start at once ({@code -Dcarecall.redis.startRounds=N}). */
    private static final int ROUNDS = Integer.getInteger("carecall.redis.startRounds", 100);
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ProtocolCodec CODEC = new ProtocolCodec();
    private static final String PREFIX = "carecall-e2e-" + UUID.randomUUID();
    /** The id an instance logs at start-up (its presence keys hold it). */
    private static final Pattern INSTANCE_ID = Pattern.compile("this instance ([0-9a-f-]{13})");

    private static List<BackendProcess> instances;
    private static Nginx nginx;
    private static PatientBrowser page;
    private static URI proxyWebSocket;

    @BeforeAll
    static void start() {
        int proxyPort = FreePorts.tcp();
        URI origin = URI.create("http://127.0.0.1:" + proxyPort);
        proxyWebSocket = URI.create("ws://127.0.0.1:" + proxyPort);
        Path dir = Path.of("target", "several-instances");
        instances = BackendProcess.startSeveral(dir, Duration.ofSeconds(20), 2, origin, List.of(
                "-Dcarecall.redis.url=" + REDIS, "-Dcarecall.redis.prefix=" + PREFIX,
                "-Dcarecall.websocket.url=" + proxyWebSocket,
                // the rounds below press Start and End faster than any person; the default allows 10 a second
                "-Dcarecall.relay.rate.call-actions.burst=1000", "-Dcarecall.relay.rate.call-actions.per-second=1000"));
        nginx = Nginx.roundRobin(dir.resolve("nginx"), proxyPort,
                instances.stream().map(BackendProcess::port).toList());
        page = Browser.CHROMIUM.launch(BrowserOptions.desktop());
    }

    @AfterAll
    static void stop() {
        try {
            if (page != null) {
                page.close();
            }
            if (nginx != null) {
                nginx.close();
            }
        } finally {
            if (instances != null) {
                for (BackendProcess instance : instances.reversed()) {
                    instance.close();
                }
            }
            deleteKeys();
        }
    }

    @Test
    void doctorOnOneInstanceAndPatientOnTheOtherHoldACallThroughARoundRobinProxy() {
        BackendProcess a = instances.getFirst();
        BackendProcess.Appointment appointment = a.newAppointment("Maria Silva");
        long id = appointment.id();
        String token = a.doctorToken();
        page.open(appointment.joinUrl());
        assertEquals("Start Call", page.until(page::enabledPrimary));
        String patientOn = awaitPresence(id, "patient", null);
        DoctorSide doctor = doctorPlaced(patientOn, false, id, token);
        String doctorOn = awaitPresence(id, "doctor", null);
        try (DoctorSide d = doctor) {
            page.click("primary-action");
            d.awaitPhase(CallPhase.INCOMING);
            d.engine.joinCall();
            Consultation.awaitMediaBothWays(page, d, "across two instances");

            d.engine.setMicrophoneEnabled(false);
            assertEquals("Doctor's microphone is off", page.visibleText("remote-muted"));
            page.click("toggle-cam");
            d.await(() -> d.patientAudio() && !d.patientVideo(), "patient camera off, seen on the other instance");
            d.engine.setMicrophoneEnabled(true);
            page.until(() -> !page.isDisplayed("remote-muted"));
            page.click("toggle-cam");
            d.await(d::patientVideo, "patient camera on again");

            page.click("toggle-chat");
            page.until(() -> "chat-input".equals(page.focusedId()), () -> "focus in the chat's input");
            page.keys("Hello doctor, this is instance " + patientOn + ".\n");
            d.await(() -> d.chat().contains("patient: Hello doctor, this is instance " + patientOn + "."),
                    "the patient's chat line");
            d.engine.sendChat("Hello from instance " + doctorOn + ".");
            page.until(() -> page.text("chat-lines").contains("Hello from instance " + doctorOn + "."));
            page.screenshot("several-instances-chat");
            page.click("chat-close");

            long session = ((Number) page.state().get("sessionId")).longValue();
            for (BackendProcess instance : instances) {
                CallStatusView status = new Rest(instance.baseUri(), token).callStatus(id);
                assertEquals(CallStatus.ACTIVE, status.callStatus());
                assertEquals(session, status.sessionId());
                assertTrue(status.doctorConnected() && status.patientConnected(), "both present: " + status);
            }
            d.engine.endCall();
            page.until(() -> page.visibleText("notice-text").contains("ended the consultation at"));
            List<CallSessionView> history = new Rest(a.baseUri(), token).callHistory(id);
            assertEquals(1, history.size());
            assertEquals(CallStatus.ENDED, history.getFirst().status());
        }
        assertTrue(nginx.accessLog().contains("\"GET /ws/appointments/" + id + " HTTP/1.1\" 101"),
                "the sockets went through nginx");
    }

    @Test
    void bothPressingStartAtOnceOnDifferentInstancesMakeOneSessionEachRound() throws Exception {
        BackendProcess a = instances.get(0);
        BackendProcess b = instances.get(1);
        BackendProcess.Appointment appointment = a.newAppointment("Kofi Mensah");
        long id = appointment.id();
        String token = a.doctorToken();
        String patientToken = URI.create(appointment.joinUrl()).getQuery().replaceFirst("^.*token=", "");
        long began = System.nanoTime();
        try (Socket doctor = Socket.open(a, id, token); Socket patient = Socket.open(b, id, patientToken)) {
            Set<Long> sessions = new HashSet<>();
            for (int round = 0; round < ROUNDS; round++) {
                CountDownLatch go = new CountDownLatch(1);
                Thread d = Thread.ofVirtual().start(() -> doctor.sendAfter(go, new ClientMessage.StartCall()));
                Thread p = Thread.ofVirtual().start(() -> patient.sendAfter(go, new ClientMessage.StartCall()));
                go.countDown();
                d.join();
                p.join();
                ServerMessage.JoinerConnected seenByDoctor = doctor.await(ServerMessage.JoinerConnected.class);
                ServerMessage.JoinerConnected seenByPatient = patient.await(ServerMessage.JoinerConnected.class);
                assertEquals(seenByDoctor, seenByPatient, "round " + round + ": both sides agree");
                assertTrue(sessions.add(seenByDoctor.sessionId()), "round " + round + ": a new session");
                doctor.send(new ClientMessage.EndCall());
                assertEquals(seenByDoctor.sessionId(), doctor.await(ServerMessage.CallEnded.class).sessionId());
                assertEquals(seenByDoctor.sessionId(), patient.await(ServerMessage.CallEnded.class).sessionId());
            }
        }
        List<CallSessionView> history = new Rest(a.baseUri(), token).callHistory(id);
        assertEquals(ROUNDS, history.size(), "exactly one session per round");
        assertTrue(history.stream().allMatch(s -> s.status() == CallStatus.ENDED));
        System.out.printf("%d rounds of both pressing Start at once, doctor on one instance and patient on the "
                        + "other: %d sessions, in %d ms%n", ROUNDS, history.size(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
    }

    /**
     * The instance holding the doctor's socket is lost mid-call: killed outright ({@code kill -9}), or drained as a
     * rolling upgrade stops it (SIGTERM), with the patient on the other instance or on the same one. Either way both
     * parties end up on the instance that runs, their media never stops, and the call goes on as the same session.
     * A drain is seen from outside, not in the dying process's log: a socket held on that instance is closed with
     * 4009, the process exits through its shutdown (143, SIGTERM's), and the clients carry on elsewhere.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"killed", "drained", "drained with the patient on it too"})
    void losingTheDoctorsInstanceMidCallMovesTheDoctorToTheOtherAndTheCallGoesOn(String how) {
        boolean drained = how.startsWith("drained");
        boolean together = how.endsWith("too");
        BackendProcess a = instances.getFirst();
        BackendProcess.Appointment appointment = a.newAppointment("Aisha Rahman");
        long id = appointment.id();
        String token = a.doctorToken();
        page.open(appointment.joinUrl());
        assertEquals("Start Call", page.until(page::enabledPrimary));
        String patientOn = awaitPresence(id, "patient", null);
        try (DoctorSide doctor = doctorPlaced(patientOn, together, id, token)) {
            String doctorOn = awaitPresence(id, "doctor", null);
            page.click("primary-action");
            doctor.awaitPhase(CallPhase.INCOMING);
            doctor.engine.joinCall();
            Consultation.awaitMediaBothWays(page, doctor, "before the doctor's instance is " + how);
            long session = ((Number) page.state().get("sessionId")).longValue();
            BackendProcess lost = instanceWithId(doctorOn);
            BackendProcess survivor = instances.stream().filter(i -> i != lost).findFirst().orElseThrow();
            String survivorId = instanceId(survivor);

            Figures before = Figures.now(page, doctor);
            long lostAt = System.nanoTime();
            if (drained) {
                try (Socket lobby = Socket.lobby(lost, token)) {
                    lost.stop();
                    assertEquals(4009, lobby.closeCode(), "a socket on the drained instance is told to reconnect");
                }
                assertEquals(143, lost.exitValue(), "the drained instance exited through its shutdown (SIGTERM)");
            } else {
                lost.kill();
            }
            String nowOn = awaitPresence(id, "doctor", doctorOn);
            doctor.await(() -> doctor.signaling() == SignalingState.CONNECTED, "the engine registered again");
            long backMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - lostAt);
            assertEquals(survivorId, nowOn, "the doctor is on the instance that runs");
            if (together) {
                assertEquals(survivorId, awaitPresence(id, "patient", doctorOn), "the patient moved along");
            }
            System.out.printf("doctor's instance %s: the doctor was back on instance %s after %d ms%n", how, nowOn,
                    backMillis);
            Figures after = awaitMoreMedia(doctor, before, "after the doctor's instance was " + how);
            System.out.printf("media meanwhile and after: %s -> %s%n", before, after);

            CallStatusView status = new Rest(survivor.baseUri(), token).callStatus(id);
            assertEquals(CallStatus.ACTIVE, status.callStatus());
            assertEquals(session, status.sessionId(), "the same session");
            assertTrue(status.doctorConnected() && status.patientConnected(), "both present: " + status);
            assertEquals("incall", page.state().get("phase"), "the page never left the call");
            assertEquals(CallPhase.CONNECTED, doctor.phase(), "the engine never left the call");

            doctor.engine.endCall();
            page.until(() -> page.visibleText("notice-text").contains("ended the consultation at"));
            List<CallSessionView> history = new Rest(survivor.baseUri(), token).callHistory(id);
            assertEquals(1, history.size(), "one call: " + history);
            assertEquals(session, history.getFirst().id());
            assertEquals(CallEndReason.HANGUP, history.getFirst().endReason());
        } finally {
            for (BackendProcess instance : instances) {
                if (!instance.alive()) {
                    instance.launch();
                }
            }
        }
    }

    /** The instance whose start-up line named this id (a relaunched one names a new id). */
    private static BackendProcess instanceWithId(String id) {
        return instances.stream().filter(i -> i.log().contains("this instance " + id)).findFirst()
                .orElseThrow(() -> new AssertionError("no instance logged id " + id));
    }

    private static String instanceId(BackendProcess instance) {
        Matcher m = INSTANCE_ID.matcher(instance.log());
        assertTrue(m.find(), "the instance logged its id");
        return m.group(1);
    }

    /**
     * The console's engine through nginx, on another instance than {@code patientOn} or ({@code together}) on the
     * same one: round-robin decides where a socket lands, so one that landed wrong connects again (the next request
     * goes to the next instance).
     */
    private static DoctorSide doctorPlaced(String patientOn, boolean together, long id, String token) {
        for (int attempt = 1; attempt <= 6; attempt++) {
            DoctorSide doctor = new DoctorSide(proxyWebSocket, id, token);
            doctor.await(() -> doctor.signaling() == SignalingState.CONNECTED, "the engine registered through nginx");
            String doctorOn = awaitPresence(id, "doctor", null);
            if (doctorOn.equals(patientOn) == together) {
                System.out.printf("doctor's socket on instance %s, patient's on instance %s%n", doctorOn, patientOn);
                return doctor;
            }
            doctor.close();
            Awaitility.await("the doctor's presence gone").atMost(WAIT)
                    .until(() -> redis(c -> c.sync().get(PREFIX + ":presence:" + id + ":doctor")) == null);
        }
        return fail("the doctor's socket landed " + (together ? "apart from" : "next to") + " the patient's six times");
    }

    private static Figures awaitMoreMedia(DoctorSide doctor, Figures before, String when) {
        return Awaitility.await("media on both sides " + when).atMost(WAIT).until(() -> Figures.now(page, doctor),
                f -> f.pageFrames() >= before.pageFrames() + Consultation.FRAMES
                        && f.engineFrames() >= before.engineFrames() + Consultation.FRAMES
                        && f.pageAudio() > before.pageAudio() && f.engineAudio() > before.engineAudio());
    }

    /** Video frames decoded and audio packets received on each side. */
    private record Figures(long pageFrames, long pageAudio, long engineFrames, long engineAudio) {
        static Figures now(PatientBrowser page, DoctorSide doctor) {
            java.util.Map<String, Object> s = page.stats();
            CallStatistics e = doctor.statistics();
            return new Figures(Consultation.number(s, "videoFramesDecoded"),
                    Consultation.number(s, "audioPacketsReceived"), e.videoFramesDecoded(), e.audioPacketsReceived());
        }
    }

    /** The instance id in the presence key of the role, once it is there and not {@code not}. */
    private static String awaitPresence(long id, String role, String not) {
        return Awaitility.await(role + "'s presence in Redis").atMost(WAIT).until(
                () -> redis(c -> c.sync().get(PREFIX + ":presence:" + id + ":" + role)),
                v -> v != null && !v.equals(not));
    }

    private static <T> T redis(java.util.function.Function<StatefulRedisConnection<String, String>, T> work) {
        RedisClient client = RedisClient.create(RedisURI.create(REDIS));
        try (StatefulRedisConnection<String, String> c = client.connect()) {
            return work.apply(c);
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    private static void deleteKeys() {
        try {
            redis(c -> {
                List<String> left = c.sync().keys(PREFIX + ":*");
                return left.isEmpty() ? 0L : c.sync().del(left.toArray(String[]::new));
            });
        } catch (RuntimeException e) {
            System.out.println("Redis keys " + PREFIX + ":* not deleted: " + e);
        }
    }

    /** A plain room socket straight to one instance (the JDK's client), to place each party on an instance. */
    private static final class Socket implements AutoCloseable {
        private final LinkedBlockingQueue<ServerMessage> received = new LinkedBlockingQueue<>();
        private final CompletableFuture<Integer> closed = new CompletableFuture<>();
        private final WebSocket socket;

        private Socket(URI uri) {
            socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(uri, new WebSocket.Listener() {
                        private final StringBuilder text = new StringBuilder();

                        @Override
                        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                            text.append(data);
                            if (last) {
                                received.add(CODEC.decodeServer(text.toString()));
                                text.setLength(0);
                            }
                            ws.request(1);
                            return CompletableFuture.completedFuture(null);
                        }

                        @Override
                        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                            closed.complete(statusCode);
                            return null;
                        }

                        @Override
                        public void onError(WebSocket ws, Throwable error) {
                            closed.completeExceptionally(error);
                        }
                    }).orTimeout(10, TimeUnit.SECONDS).join();
        }

        static Socket open(BackendProcess instance, long id, String token) {
            return registered(URI.create("ws://127.0.0.1:" + instance.port() + "/ws/appointments/" + id), token);
        }

        /** The doctor's lobby socket on this instance. */
        static Socket lobby(BackendProcess instance, String token) {
            return registered(URI.create("ws://127.0.0.1:" + instance.port() + "/ws/lobby"), token);
        }

        private static Socket registered(URI uri, String token) {
            Socket s = new Socket(uri);
            s.send(new ClientMessage.Register(token));
            s.await(ServerMessage.Registered.class);
            return s;
        }

        /** The close code the server sent, once it closed the socket. */
        int closeCode() {
            return closed.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
        }

        void send(ClientMessage message) {
            socket.sendText(CODEC.encode(message), true).orTimeout(10, TimeUnit.SECONDS).join();
        }

        void sendAfter(CountDownLatch go, ClientMessage message) {
            try {
                go.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            send(message);
        }

        /** The next message of this type; errors on the way fail the test, other messages are skipped. */
        <T extends ServerMessage> T await(Class<T> type) {
            List<ServerMessage> skipped = new ArrayList<>();
            while (true) {
                ServerMessage next;
                try {
                    next = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
                assertNotNull(next, "no " + type.getSimpleName() + " after " + skipped);
                if (type.isInstance(next)) {
                    return type.cast(next);
                }
                if (next instanceof ServerMessage.Error error) {
                    fail("error " + error + " while waiting for " + type.getSimpleName());
                }
                skipped.add(next);
            }
        }

        @Override
        public void close() {
            if (socket.isOutputClosed()) {
                return;
            }
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS)
                    .exceptionally(e -> null).join();
        }
    }
}
