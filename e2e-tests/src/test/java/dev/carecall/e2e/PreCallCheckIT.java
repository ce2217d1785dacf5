package dev.carecall.e2e;

import dev.carecall.backend.CareCallServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pre-call check in Chromium: a live preview and level meter, and plain help when the devices fail. */
class PreCallCheckIT {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static CareCallServer server;

    @BeforeAll
    static void start() {
        server = CareCallServer.startForTests();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void showsTheAppointmentACameraPreviewAndAMovingMicrophoneLevel() {
        try (PatientBrowser page = new PatientBrowser(PatientBrowser.DESKTOP)) {
            page.open(server.patientJoinUrl(server.demo().paidAppointmentId()));
            assertTrue(page.visibleText("appointment-title").startsWith("Your appointment with Dr."));
            assertTrue(page.visibleText("appointment-time").contains(" at "));
            page.until(d -> ((Number) page.script("return document.getElementById('preview-video').videoWidth;"))
                    .intValue() > 0);
            // Chromium's fake microphone beeps: the meter moves.
            page.until(d -> ((Number) page.state().get("micLevel")).doubleValue() > 0.05);
            page.until(d -> Integer.parseInt(d.findElement(org.openqa.selenium.By.id("mic-meter"))
                    .getDomAttribute("aria-valuenow")) > 0);
            assertEquals("Start Call", page.visibleText("primary-action"));
            assertEquals(0L, page.script("return document.querySelectorAll('input[type=password]').length;"),
                    "a patient never needs a password");
            page.screenshot(SCREENSHOTS.resolve("precall-desktop.png"));
            page.resize(PatientBrowser.PHONE);
            page.screenshot(SCREENSHOTS.resolve("precall-phone.png"));
        }
    }

    @Test
    void deniedPermissionExplainsHowToAllowIt() {
        try (PatientBrowser page = new PatientBrowser(PatientBrowser.PHONE, PatientBrowser.Media.DENIED)) {
            page.open(server.patientJoinUrl(server.demo().paidAppointmentId()));
            assertEquals("Your browser is not allowing the camera and microphone", page.visibleText("media-problem-title"));
            assertTrue(page.visibleText("media-problem-text").contains("Allow"));
            page.screenshot(SCREENSHOTS.resolve("precall-denied-phone.png"));
        }
    }

    @Test
    void noDevicesExplainsAndStillLetsThePatientCall() {
        try (PatientBrowser page = new PatientBrowser(PatientBrowser.PHONE, PatientBrowser.Media.NO_DEVICES)) {
            page.open(server.patientJoinUrl(server.demo().paidAppointmentId()));
            assertEquals("We could not find a camera or microphone", page.visibleText("media-problem-title"));
            assertEquals("No camera picture", page.visibleText("preview-empty"));
            assertEquals("Start Call", page.until(d -> {
                var button = d.findElement(org.openqa.selenium.By.id("primary-action"));
                return button.isEnabled() ? button.getText() : null;
            }));
        }
    }
}
