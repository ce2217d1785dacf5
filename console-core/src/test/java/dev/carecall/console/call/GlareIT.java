package dev.carecall.console.call;

import dev.carecall.backend.CareCallServer;
import dev.carecall.console.api.CareCallApi;
import dev.carecall.console.config.TlsTrust;
import dev.carecall.console.media.MediaSettings;
import dev.carecall.protocol.CallStatus;
import dev.carecall.protocol.Role;
import dev.carecall.protocol.rest.CallSessionView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Glare between two engines, on purpose and many times: both offer the moment the call is joined (the doctor
 * impolite, the patient polite), and once media flows both restart ICE at the same moment. Every round must connect
 * with video frames and audio packets both ways, connect again with new ICE credentials after the restart, and end
 * as one session. Rounds alternate who starts. The figures are printed; failed rounds are listed with what was seen.
 * {@code -Dcarecall.glare.rounds=N} changes the number of rounds (50 by default).
 */
class GlareIT {
    private static final int ROUNDS = Integer.getInteger("carecall.glare.rounds", 50);
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Enough to be sure media flows, well under a second of it. */
    private static final long FRAMES = 10;
    private static final long AUDIO_PACKETS = 20;
    private static CareCallServer server;

    @BeforeAll
    static void startServer() {
        server = CareCallServer.startForTests();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Test
    void bothEnginesOfferAtJoinAndRestartIceTogetherAndEveryRoundConnectsAsOneSession() {
        List<String> failures = new ArrayList<>();
        List<Long> connectMillis = new ArrayList<>();
        List<Long> restartMillis = new ArrayList<>();
        long started = System.nanoTime();
        for (int round = 1; round <= ROUNDS; round++) {
            long roundStart = System.nanoTime();
            try {
                long[] figures = round(round % 2 == 0 ? Role.PATIENT : Role.DOCTOR);
                System.out.printf("[engines] glare round %d (%s starts): connected in %d ms, again %d ms after the "
                                + "ICE restart, round %d ms%n", round, round % 2 == 0 ? "patient" : "doctor",
                        figures[0], figures[1], (System.nanoTime() - roundStart) / 1_000_000);
                connectMillis.add(figures[0]);
                restartMillis.add(figures[1]);
            } catch (AssertionError | RuntimeException e) {
                String first = Objects.toString(e.getMessage(), e.toString()).lines().findFirst().orElse("");
                failures.add("round " + round + ": " + first);
                System.out.println("[engines] glare round " + round + " failed: " + e);
            }
        }
        System.out.printf("[engines] glare: %d rounds in %.0f s, %d failed; median connect %d ms, median reconnect "
                        + "after the ICE restart %d ms%n", ROUNDS, (System.nanoTime() - started) / 1e9,
                failures.size(), median(connectMillis), median(restartMillis));
        assertEquals(List.of(), failures, "every round connects with media both ways and ends as one session");
    }

    /** One call with glare at the join and at an ICE restart: connect and reconnect times in milliseconds. */
    private long[] round(Role starter) {
        long appointment = server.createAppointment("demo-doctor", "Test Patient", Instant.now(), true);
        try (Party doctor = party(Role.DOCTOR, appointment); Party patient = party(Role.PATIENT, appointment)) {
            Party first = starter == Role.DOCTOR ? doctor : patient;
            Party second = starter == Role.DOCTOR ? patient : doctor;
            first.engine.startCall();
            await("the other party is offered Join").atMost(WAIT).until(() -> second.phase() == CallPhase.INCOMING);
            long joined = System.nanoTime();
            second.engine.joinCall();
            awaitConnected(doctor, patient, "after the join");
            long connect = (System.nanoTime() - joined) / 1_000_000;
            Media before = awaitMedia(doctor, patient, null, null, "after the join");

            String doctorUfrag = doctor.ufrag();
            String patientUfrag = patient.ufrag();
            long restart = System.nanoTime();
            doctor.engine.restartIce();
            patient.engine.restartIce();
            await("new ICE credentials on both sides").atMost(WAIT).until(() -> !Objects.equals(doctor.ufrag(),
                    doctorUfrag) && !Objects.equals(patient.ufrag(), patientUfrag));
            awaitConnected(doctor, patient, "after the ICE restart");
            long reconnect = (System.nanoTime() - restart) / 1_000_000;
            awaitMedia(doctor, patient, before.doctor, before.patient, "after the ICE restart");

            doctor.engine.endCall();
            await("both ended").atMost(WAIT).until(() -> doctor.phase() == CallPhase.ENDED
                    && patient.phase() == CallPhase.ENDED);
            List<CallSessionView> sessions = new CareCallApi(server.baseUri(), TlsTrust.sslContext(Optional.empty()))
                    .callHistory(appointment, server.doctorToken("demo-doctor"));
            assertEquals(1, sessions.size(), "one session: " + sessions);
            assertEquals(CallStatus.ENDED, sessions.getFirst().status());
            return new long[] {connect, reconnect};
        }
    }

    private static void awaitConnected(Party doctor, Party patient, String when) {
        await("both connected " + when).atMost(WAIT).until(() -> doctor.phase() == CallPhase.CONNECTED
                && patient.phase() == CallPhase.CONNECTED);
    }

    private record Media(Counters doctor, Counters patient) {
    }

    /** What one side received and sent so far: frames shown, audio packets received, frames and packets sent. */
    private record Counters(long framesShown, long audioReceived, long framesSent, long audioSent) {
        boolean grownFrom(Counters from) {
            long f = from == null ? 0 : from.framesShown;
            long a = from == null ? 0 : from.audioReceived;
            long fs = from == null ? 0 : from.framesSent;
            long as = from == null ? 0 : from.audioSent;
            return framesShown >= f + FRAMES && audioReceived >= a + AUDIO_PACKETS && framesSent >= fs + FRAMES
                    && audioSent >= as + AUDIO_PACKETS;
        }
    }

    private static Media awaitMedia(Party doctor, Party patient, Counters doctorFrom, Counters patientFrom,
                                    String when) {
        Counters[] now = new Counters[2];
        try {
            await("video frames and audio packets both ways " + when).atMost(WAIT).until(() -> {
                now[0] = doctor.counters();
                now[1] = patient.counters();
                return now[0].grownFrom(doctorFrom) && now[1].grownFrom(patientFrom);
            });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError(e.getMessage() + ": doctor " + now[0] + " (from " + doctorFrom + "), patient "
                    + now[1] + " (from " + patientFrom + ")", e);
        }
        return new Media(now[0], now[1]);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.isEmpty() ? -1 : sorted.get(sorted.size() / 2);
    }

    private static Party party(Role role, long appointment) {
        String token = role == Role.DOCTOR ? server.doctorToken("demo-doctor") : server.patientToken(appointment);
        WebRtcCallEngine engine = (WebRtcCallEngine) WebRtcCallEngine.create(new CallSettings(
                server.webSocketBaseUri(), appointment, token, role, MediaSettings.synthetic()));
        Recorder events = new Recorder();
        engine.addListener(events);
        engine.offerOnJoin();
        engine.connect();
        try {
            await(role + " registered").atMost(WAIT).until(() -> events.phase() != CallPhase.CONNECTING);
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        return new Party(engine, events);
    }

    private record Party(WebRtcCallEngine engine, Recorder events) implements AutoCloseable {
        CallPhase phase() {
            return events.phase();
        }

        String ufrag() {
            try {
                return engine.iceUfrag().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("no answer from the engine", e);
            }
        }

        Counters counters() throws Exception {
            CallStatistics s = engine.statistics().get(10, TimeUnit.SECONDS);
            return new Counters(engine.remoteVideo().framesReceived(), s.audioPacketsReceived(), s.videoFramesSent(),
                    s.audioPacketsSent());
        }

        @Override
        public void close() {
            engine.close();
        }
    }
}
