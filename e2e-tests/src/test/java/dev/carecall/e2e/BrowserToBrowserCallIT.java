package dev.carecall.e2e;

import dev.carecall.backend.CareCallServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The page against a second browser through the real backend: the patient's page and, as the doctor, the same page
 * opened with the doctor's token (the page takes its role from {@code registered}). Proves the page's negotiation
 * against Chromium's own WebRTC, independent of the console's engine.
 */
class BrowserToBrowserCallIT {
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
    void patientStartsDoctorPageJoinsAndMediaFlowsBothWays() {
        long id = server.createAppointment("demo-doctor", "Maria Silva", Instant.now().plus(5, ChronoUnit.MINUTES), true);
        try (PatientBrowser patient = new PatientBrowser(PatientBrowser.DESKTOP);
             PatientBrowser doctor = new PatientBrowser(PatientBrowser.DESKTOP)) {
            patient.open(server.patientJoinUrl(id));
            doctor.open(server.baseUri().resolve("/join/" + id + "?token=" + server.doctorToken("demo-doctor")).toString());
            assertEquals("Start Call", primary(patient));
            patient.click("primary-action");
            assertEquals("Join Call", doctor.until(d -> "Join Call".equals(primary(doctor)) ? "Join Call" : null));
            doctor.click("primary-action");
            for (PatientBrowser page : new PatientBrowser[] {patient, doctor}) {
                page.until(d -> "connected".equals(page.state().get("media")));
                Map<String, Object> s = page.until(d -> {
                    Map<String, Object> st = page.stats();
                    return st != null && ((Number) st.get("videoFramesDecoded")).longValue() >= 30
                            && ((Number) st.get("audioPacketsReceived")).longValue() >= 50 ? st : null;
                });
                System.out.println("[browser to browser] " + page.state().get("phase") + " " + s);
            }
            doctor.click("toggle-mic");
            assertEquals("Doctor's microphone is off", patient.visibleText("remote-muted"));
            patient.click("end-call");
            patient.visibleText("notice-title");
            doctor.visibleText("notice-title");
        }
    }

    private static String primary(PatientBrowser page) {
        return page.until(d -> {
            var button = d.findElement(By.id("primary-action"));
            return button.isDisplayed() && button.isEnabled() ? button.getText() : null;
        });
    }
}
