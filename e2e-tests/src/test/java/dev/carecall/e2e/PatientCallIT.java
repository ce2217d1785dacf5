package dev.carecall.e2e;

import dev.carecall.backend.CareCallServer;
import dev.carecall.console.call.CallPhase;
import dev.carecall.protocol.CallStatus;
import dev.carecall.protocol.Role;
import dev.carecall.protocol.rest.CallSessionView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A whole consultation: the real backend, the patient page in Chromium (fake camera and microphone) and the doctor's
 * console call engine (webrtc-java, synthetic camera, headless audio), in both orders of who starts first.
 * Media is proven from WebRTC statistics on both sides; the figures are printed.
 */
class PatientCallIT {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static CareCallServer server;
    private static Rest doctorRest;

    @BeforeAll
    static void startBackend() {
        server = CareCallServer.startForTests();
        doctorRest = new Rest(server.baseUri(), server.doctorToken("demo-doctor"));
    }

    @AfterAll
    static void stopBackend() {
        if (server != null) {
            server.close();
        }
    }

    private static long newAppointment() {
        return server.createAppointment("demo-doctor", "Maria Silva", Instant.now().plus(5, ChronoUnit.MINUTES), true);
    }

    @Test
    void patientStartsDoctorJoinsMediaFlowsBothWaysAndPatientHangsUp() {
        long id = newAppointment();
        try (PatientBrowser page = new PatientBrowser(PatientBrowser.DESKTOP);
             DoctorSide doctor = new DoctorSide(server.webSocketBaseUri(), id, server.doctorToken("demo-doctor"))) {
            page.open(server.patientJoinUrl(id));
            assertEquals("Start Call", page.until(d -> MediaBothWays.enabledPrimary(page)));
            page.click("primary-action");
            assertTrue(page.visibleText("remote-placeholder-text").startsWith("Waiting for Dr."));
            assertFalse(page.isDisplayed("call-timer"), "no timer before the doctor is there");
            page.screenshot(SCREENSHOTS.resolve("call-waiting-desktop.png"));

            doctor.awaitPhase(CallPhase.INCOMING);
            doctor.engine.joinCall();
            MediaBothWays.await(page, doctor, "patient started");

            // Mute and camera-off of each side appear on the other.
            doctor.engine.setMicrophoneEnabled(false);
            assertEquals("Doctor's microphone is off", page.visibleText("remote-muted"));
            doctor.engine.setCameraEnabled(false);
            assertEquals("Your doctor has turned their camera off", page.visibleText("remote-placeholder-text"));
            page.click("toggle-mic");
            doctor.await(() -> !doctor.patientAudio() && doctor.patientVideo(), "patient muted");
            page.click("toggle-cam");
            doctor.await(() -> !doctor.patientAudio() && !doctor.patientVideo(), "patient camera off");
            doctor.engine.setMicrophoneEnabled(true);
            page.until(d -> !page.isDisplayed("remote-muted"));

            // A dropped room socket comes back by itself and the call carries on.
            page.script("window.carecall.dropSignaling();");
            page.until(d -> "reconnecting".equals(page.state().get("signaling")));
            assertEquals("Connection to CareCall lost. Trying again every 3 seconds…", page.visibleText("call-banner"));
            page.until(d -> "registered".equals(page.state().get("signaling")));
            assertEquals("incall", page.state().get("phase"));

            page.click("end-call");
            assertTrue(page.visibleText("notice-text").startsWith("You ended the consultation at"));
            doctor.awaitPhase(CallPhase.ENDED);
            assertEnded(id, Role.PATIENT);

            // Back on the pre-call check for a new call: microphone and camera on again, the meter moving.
            page.click("notice-action");
            assertEquals("Start Call", page.until(d -> MediaBothWays.enabledPrimary(page)));
            page.until(d -> ((Number) page.state().get("micLevel")).doubleValue() > 0.05);
            assertEquals(true, page.state().get("micOn"));
            assertEquals(true, page.state().get("camOn"));
        }
    }

    @Test
    void doctorStartsPatientSeesJoinLiveMediaFlowsAndDoctorHangsUp() {
        long id = newAppointment();
        try (PatientBrowser page = new PatientBrowser(PatientBrowser.PHONE);
             DoctorSide doctor = new DoctorSide(server.webSocketBaseUri(), id, server.doctorToken("demo-doctor"))) {
            page.open(server.patientJoinUrl(id));
            assertEquals("Start Call", page.until(d -> MediaBothWays.enabledPrimary(page)));
            doctor.awaitPhase(CallPhase.READY);
            doctor.engine.startCall();
            // The label changes live, without a reload, when the doctor starts.
            assertEquals("Join Call", page.until(d -> "Join Call".equals(MediaBothWays.enabledPrimary(page)) ? "Join Call" : null));
            assertTrue(page.visibleText("call-hint").contains("has started the call"));
            page.click("primary-action");
            MediaBothWays.await(page, doctor, "doctor started");

            doctor.engine.setCameraEnabled(false);
            assertEquals("Your doctor has turned their camera off", page.visibleText("remote-placeholder-text"));
            doctor.engine.setCameraEnabled(true);
            page.until(d -> !page.isDisplayed("remote-placeholder"));
            page.click("toggle-cam");
            doctor.await(() -> doctor.patientAudio() && !doctor.patientVideo(), "patient camera off");
            page.click("toggle-cam");
            doctor.await(() -> doctor.patientVideo(), "patient camera on again");

            page.driver().findElement(By.id("toggle-chat")).click();
            page.driver().findElement(By.id("chat-input")).sendKeys("Hello doctor, I can see you.\n");
            doctor.await(() -> doctor.chat().contains("patient: Hello doctor, I can see you."), "the patient's chat line");
            doctor.engine.sendChat("Good, please hold the box closer to the camera.");
            page.until(d -> d.findElement(By.id("chat-lines")).getText()
                    .contains("Good, please hold the box closer to the camera."));
            page.screenshot(SCREENSHOTS.resolve("call-phone-chat.png"));
            page.click("chat-close");
            page.screenshot(SCREENSHOTS.resolve("call-phone.png"));
            page.resize(PatientBrowser.DESKTOP);
            page.screenshot(SCREENSHOTS.resolve("call-desktop.png"));

            // A reload during the call offers to join it again, and media flows again on both sides.
            page.driver().navigate().refresh();
            assertEquals("Join Call", page.until(d -> "Join Call".equals(MediaBothWays.enabledPrimary(page)) ? "Join Call" : null));
            assertTrue(page.visibleText("call-hint").contains("is still running"));
            page.click("primary-action");
            MediaBothWays.await(page, doctor, "patient rejoined after a reload");

            doctor.engine.endCall();
            assertTrue(page.visibleText("notice-text").contains("ended the consultation at"));
            assertEquals("Start the call again", page.visibleText("notice-action"));
            assertEnded(id, Role.DOCTOR);

            // An ended consultation can be started again: a new session, the doctor is offered to join.
            page.click("notice-action");
            assertEquals("Start Call", page.until(d -> MediaBothWays.enabledPrimary(page)));
            page.click("primary-action");
            doctor.awaitPhase(CallPhase.INCOMING);
            assertEquals(CallStatus.WAITING, doctorRest.callStatus(id).callStatus());
            assertEquals(2, doctorRest.callHistory(id).size());
            doctor.engine.endCall();
            page.visibleText("notice-title");
        }
    }

    private static void assertEnded(long id, Role endedBy) {
        assertEquals(CallStatus.ENDED, doctorRest.callStatus(id).callStatus());
        CallSessionView newest = doctorRest.callHistory(id).getFirst();
        assertEquals(CallStatus.ENDED, newest.status());
        assertEquals(endedBy, newest.endedBy());
        assertNotNull(newest.endedAt());
        assertNotNull(newest.joinedAt());
        assertFalse(newest.endedAt().isBefore(newest.startedAt()));
    }
}
