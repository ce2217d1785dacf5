package dev.carecall.e2e;

import dev.carecall.console.call.CallPhase;
import dev.carecall.e2e.browser.Browser;
import dev.carecall.e2e.browser.BrowserOptions;
import dev.carecall.e2e.browser.PatientBrowser;
import dev.carecall.protocol.CallStatus;
import dev.carecall.protocol.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import static dev.carecall.e2e.Consultation.assertEnded;
import static dev.carecall.e2e.Consultation.awaitMediaBothWays;
import static dev.carecall.e2e.Consultation.newAppointment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A whole consultation: the real backend, the patient page in Chromium and in Firefox ESR (fake camera and
 * microphone) and the doctor's console call engine (webrtc-java, synthetic camera, headless audio), in both orders
 * of who starts first. Media is proven from WebRTC statistics on both sides; the figures are printed. One browser
 * per browser kind serves all tests of the class.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Browser.class)
class PatientCallIT {
    @RegisterExtension
    static final Backend backend = new Backend();
    private static PatientBrowser page;

    @Parameter
    Browser browser;

    @BeforeParameterizedClassInvocation
    static void launch(Browser browser) {
        page = browser.launch(BrowserOptions.desktop());
    }

    @AfterParameterizedClassInvocation
    static void quit() {
        if (page != null) {
            page.close();
        }
    }

    @Test
    void patientStartsDoctorJoinsMediaFlowsBothWaysAndPatientHangsUp() {
        long id = newAppointment(backend.server());
        page.resize(BrowserOptions.DESKTOP);
        try (DoctorSide doctor = Consultation.doctor(backend.server(), id)) {
            page.open(backend.server().patientJoinUrl(id));
            assertEquals("Start Call", page.until(page::enabledPrimary));
            page.click("primary-action");
            assertTrue(page.visibleText("remote-placeholder-text").startsWith("Waiting for Dr."));
            assertFalse(page.isDisplayed("call-timer"), "no timer before the doctor is there");
            page.screenshot("waiting");

            doctor.awaitPhase(CallPhase.INCOMING);
            doctor.engine.joinCall();
            awaitMediaBothWays(page, doctor, "patient started");

            // Mute and camera-off of each side appear on the other.
            doctor.engine.setMicrophoneEnabled(false);
            assertEquals("Doctor's microphone is off", page.visibleText("remote-muted"));
            doctor.engine.setCameraEnabled(false);
            assertEquals("Your doctor has turned their camera off", page.visibleText("remote-placeholder-text"));
            page.click("toggle-mic");
            doctor.await(() -> !doctor.patientAudio() && doctor.patientVideo(), "patient muted");
            assertEquals("Unmute", page.visibleText("toggle-mic"));
            page.click("toggle-cam");
            doctor.await(() -> !doctor.patientAudio() && !doctor.patientVideo(), "patient camera off");
            doctor.engine.setMicrophoneEnabled(true);
            page.until(() -> !page.isDisplayed("remote-muted"));

            // A dropped room socket comes back by itself and the call carries on.
            page.script("window.carecall.dropSignaling();");
            page.until(() -> "reconnecting".equals(page.state().get("signaling")));
            assertEquals("Connection to CareCall lost. Trying again every 3 seconds…", page.visibleText("call-banner"));
            page.until(() -> "registered".equals(page.state().get("signaling")));
            assertEquals("incall", page.state().get("phase"));

            page.click("end-call");
            assertTrue(page.visibleText("notice-text").startsWith("You ended the consultation at"));
            doctor.awaitPhase(CallPhase.ENDED);
            assertEnded(backend.doctorRest(), id, Role.PATIENT);
            page.screenshot("ended");

            // "Start the call again" starts it: the patient waits, the doctor is offered to join, and a new call
            // starts with microphone and camera on again.
            page.click("notice-action");
            doctor.awaitPhase(CallPhase.INCOMING);
            assertEquals(CallStatus.WAITING, backend.doctorRest().callStatus(id).callStatus());
            assertTrue(page.visibleText("remote-placeholder-text").startsWith("Waiting for Dr."));
            assertEquals(true, page.state().get("micOn"));
            assertEquals(true, page.state().get("camOn"));
            assertEquals(2, backend.doctorRest().callHistory(id).size());
        }
    }

    @Test
    void doctorStartsPatientSeesJoinLiveMediaFlowsAndDoctorHangsUp() {
        long id = newAppointment(backend.server());
        page.resize(BrowserOptions.PHONE);
        try (DoctorSide doctor = Consultation.doctor(backend.server(), id)) {
            page.open(backend.server().patientJoinUrl(id));
            assertEquals("Start Call", page.until(page::enabledPrimary));
            doctor.awaitPhase(CallPhase.READY);
            doctor.engine.startCall();
            // The label changes live, without a reload, when the doctor starts, and a screen reader hears it.
            assertEquals("Join Call", page.until(() -> "Join Call".equals(page.enabledPrimary()) ? "Join Call" : null));
            assertTrue(page.visibleText("call-hint").contains("has started the call"));
            page.awaitAnnouncement("Dr. Ana Costa has started the call and is waiting for you.");
            page.click("primary-action");
            awaitMediaBothWays(page, doctor, "doctor started");

            doctor.engine.setCameraEnabled(false);
            assertEquals("Your doctor has turned their camera off", page.visibleText("remote-placeholder-text"));
            doctor.engine.setCameraEnabled(true);
            page.until(() -> !page.isDisplayed("remote-placeholder"));
            page.click("toggle-cam");
            doctor.await(() -> doctor.patientAudio() && !doctor.patientVideo(), "patient camera off");
            page.click("toggle-cam");
            doctor.await(doctor::patientVideo, "patient camera on again");

            page.click("toggle-chat");
            page.until(() -> "chat-input".equals(page.focusedId()), () -> "focus in the chat's input");
            page.keys("Hello doctor, I can see you.\n");
            doctor.await(() -> doctor.chat().contains("patient: Hello doctor, I can see you."), "the patient's chat line");
            doctor.engine.sendChat("Good, please hold the box closer to the camera.");
            page.until(() -> page.text("chat-lines").contains("Good, please hold the box closer to the camera."));
            page.screenshot("chat");
            page.resize(BrowserOptions.DESKTOP);
            page.screenshot("chat");
            page.click("chat-close");
            page.screenshot("call");
            page.resize(BrowserOptions.PHONE);
            page.screenshot("call");

            // A reload during the call offers to join it again, and media flows again on both sides.
            page.reload();
            assertEquals("Join Call", page.until(() -> "Join Call".equals(page.enabledPrimary()) ? "Join Call" : null));
            assertTrue(page.visibleText("call-hint").contains("is still running"));
            page.click("primary-action");
            awaitMediaBothWays(page, doctor, "patient rejoined after a reload");

            doctor.engine.endCall();
            assertTrue(page.visibleText("notice-text").contains("ended the consultation at"));
            assertEquals("Start the call again", page.visibleText("notice-action"));
            assertEnded(backend.doctorRest(), id, Role.DOCTOR);
            page.screenshot("ended");

            // An ended consultation can be started again at once: a new session, the doctor is offered to join.
            page.click("notice-action");
            doctor.awaitPhase(CallPhase.INCOMING);
            assertEquals(CallStatus.WAITING, backend.doctorRest().callStatus(id).callStatus());
            assertEquals(2, backend.doctorRest().callHistory(id).size());
            page.screenshot("waiting");
            doctor.engine.endCall();
            page.visibleText("notice-title");
        }
    }
}
