package dev.carecall.e2e;

import dev.carecall.console.call.CallPhase;
import dev.carecall.console.call.CallStatistics;
import dev.carecall.console.signaling.SignalingState;
import dev.carecall.e2e.browser.Browser;
import dev.carecall.e2e.browser.BrowserOptions;
import dev.carecall.e2e.browser.PatientBrowser;
import dev.carecall.e2e.topology.BackendProcess;
import dev.carecall.protocol.CallEndReason;
import dev.carecall.protocol.CallStatus;
import dev.carecall.protocol.Role;
import dev.carecall.protocol.rest.CallSessionView;
import dev.carecall.protocol.rest.CallStatusView;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.carecall.e2e.Consultation.FRAMES;
import static dev.carecall.e2e.Consultation.awaitMediaBothWays;
import static dev.carecall.e2e.Consultation.number;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The backend process is killed ({@code kill -9}) in the middle of a call between the patient page (Chromium) and
 * the doctor's console engine, and started again on the same PostgreSQL database and port. Media is peer to peer,
 * so it keeps flowing while the server is gone; both clients reconnect by themselves (every 3 seconds) and register
 * again, and the call goes on as the same session. When the parties do not come back, the restarted server ends the
 * call as {@code server_restart} after its grace period. Nothing is left waiting or active with nobody there.
 */
class CrashRecoveryIT {
    /**
     * Longer than the production default (8 s): on the shared 2-core test machine a reconnecting client's handshake
     * and sign-in can take several seconds on their own.
     */
    private static final Duration GRACE = Duration.ofSeconds(20);
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static BackendProcess backend;
    private static PatientBrowser page;

    @BeforeAll
    static void start() {
        backend = BackendProcess.start(Path.of("target", "crash-recovery"), GRACE);
        page = Browser.CHROMIUM.launch(BrowserOptions.desktop());
    }

    @AfterAll
    static void stop() {
        try {
            if (page != null) {
                page.close();
            }
        } finally {
            if (backend != null) {
                backend.close();
            }
        }
    }

    @Test
    void aCallSurvivesTheBackendBeingKilledAndGoesOnAsTheSameSession() {
        BackendProcess.Appointment appointment = backend.newAppointment("Maria Silva");
        long id = appointment.id();
        String token = backend.doctorToken();
        Rest rest = new Rest(backend.baseUri(), token);
        try (DoctorSide doctor = new DoctorSide(backend.webSocketBaseUri(), id, token)) {
            long sessionId = startCall(doctor, appointment);

            long killed = backend.pid();
            backend.kill();
            page.until(() -> "reconnecting".equals(page.state().get("signaling")), () -> "the page to notice");
            doctor.await(() -> doctor.signaling() == SignalingState.RECONNECTING, "the engine to notice");
            Figures dead = Figures.now(page, doctor);
            Figures during = awaitMoreMedia(doctor, dead, "while the backend is dead");
            assertEquals("reconnecting", page.state().get("signaling"), "the backend was still gone meanwhile");
            assertEquals(SignalingState.RECONNECTING, doctor.signaling());
            System.out.printf("backend process %d killed; media while it was gone: %s -> %s%n", killed, dead, during);

            backend.launch();
            System.out.printf("backend restarted as process %d on the same database and port%n", backend.pid());
            page.until(() -> "registered".equals(page.state().get("signaling")), () -> "the page to re-register");
            doctor.await(() -> doctor.signaling() == SignalingState.CONNECTED, "the engine to re-register");
            CallStatusView status = Awaitility.await("both parties back in the room").atMost(WAIT)
                    .until(() -> rest.callStatus(id), s -> s.doctorConnected() && s.patientConnected());
            assertEquals(CallStatus.ACTIVE, status.callStatus());
            assertEquals(sessionId, status.sessionId(), "the same session");
            assertEquals("incall", page.state().get("phase"), "the page never left the call");
            assertEquals(CallPhase.CONNECTED, doctor.phase(), "the engine never left the call");
            Figures after = awaitMoreMedia(doctor, during, "after the restart");
            System.out.printf("media after the restart: %s%n", after);

            // Past the restart's grace the call still runs: it was resumed, not waiting to be ended.
            Awaitility.await("the call kept past the grace").during(GRACE.plusSeconds(2)).atMost(WAIT)
                    .until(() -> rest.callStatus(id).callStatus(), CallStatus.ACTIVE::equals);

            doctor.engine.endCall();
            assertTrue(page.visibleText("notice-text").contains("ended the consultation at"));
            List<CallSessionView> history = rest.callHistory(id);
            assertEquals(1, history.size(), "one call, not a new one after the restart: " + history);
            CallSessionView call = history.getFirst();
            assertEquals(sessionId, call.id());
            assertEquals(CallStatus.ENDED, call.status());
            assertEquals(CallEndReason.HANGUP, call.endReason());
            assertEquals(Role.DOCTOR, call.endedBy());
            System.out.println("stored log: " + call.events().stream().map(e -> e.event().wireName()
                    + (e.from() == null ? "" : "/" + e.from().wireName())).toList());
        }
    }

    @Test
    void aCallWhosePartiesDoNotComeBackEndsAsServerRestart() {
        BackendProcess.Appointment appointment = backend.newAppointment("Kofi Mensah");
        long id = appointment.id();
        String token = backend.doctorToken();
        long sessionId;
        try (DoctorSide doctor = new DoctorSide(backend.webSocketBaseUri(), id, token)) {
            sessionId = startCall(doctor, appointment);
            backend.kill();
        } // the doctor closes the console while the backend is gone...
        page.open("about:blank"); // ...and the patient closes the page

        backend.launch();
        Rest rest = new Rest(backend.baseUri(), backend.doctorToken());
        CallSessionView call = Awaitility.await("the call ended by the restarted server").atMost(WAIT)
                .until(() -> rest.callHistory(id).getFirst(), s -> s.status() == CallStatus.ENDED);
        assertEquals(sessionId, call.id());
        assertEquals(CallEndReason.SERVER_RESTART, call.endReason());
        assertNull(call.endedBy(), "the server ended it");
        System.out.printf("ended as %s at %s, %s after the restart's grace began%n", call.endReason().wireName(),
                call.endedAt(), GRACE);

        CallStatusView status = rest.callStatus(id);
        assertEquals(CallStatus.ENDED, status.callStatus());
        assertEquals(List.of(), backend.liveCalls(), "nothing waiting or active with nobody there");
    }

    /** The page starts the call, the doctor joins, media flows both ways; returns the session. */
    private static long startCall(DoctorSide doctor, BackendProcess.Appointment appointment) {
        page.open(appointment.joinUrl());
        assertEquals("Start Call", page.until(page::enabledPrimary));
        page.click("primary-action");
        doctor.awaitPhase(CallPhase.INCOMING);
        doctor.engine.joinCall();
        awaitMediaBothWays(page, doctor, "before the crash");
        return ((Number) page.state().get("sessionId")).longValue();
    }

    /** Waits until both sides decoded {@link Consultation#FRAMES} more video frames than before. */
    private static Figures awaitMoreMedia(DoctorSide doctor, Figures before, String when) {
        return Awaitility.await("media on both sides " + when).atMost(WAIT).until(() -> Figures.now(page, doctor),
                f -> f.pageFrames() >= before.pageFrames() + FRAMES && f.engineFrames() >= before.engineFrames() + FRAMES
                        && f.pageAudio() > before.pageAudio() && f.engineAudio() > before.engineAudio());
    }

    /** Video frames decoded and audio packets received on each side. */
    private record Figures(long pageFrames, long pageAudio, long engineFrames, long engineAudio) {
        static Figures now(PatientBrowser page, DoctorSide doctor) {
            Map<String, Object> s = page.stats();
            CallStatistics e = doctor.statistics();
            return new Figures(number(s, "videoFramesDecoded"), number(s, "audioPacketsReceived"),
                    e.videoFramesDecoded(), e.audioPacketsReceived());
        }

        @Override
        public String toString() {
            return "page " + pageFrames + " frames/" + pageAudio + " audio packets, engine " + engineFrames
                    + " frames/" + engineAudio + " audio packets";
        }
    }
}
