package dev.carecall.e2e;

import dev.carecall.backend.BackendSettings;
import dev.carecall.backend.CareCallServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every link that cannot lead to a call shows a page in plain language that says what to do, in Chromium against the
 * real backend: never a stack trace, never a blank screen.
 */
class PatientPageErrorsIT {
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private static CareCallServer server;
    private static PatientBrowser page;

    @BeforeAll
    static void start() {
        server = CareCallServer.startForTests();
        page = new PatientBrowser(PatientBrowser.PHONE);
    }

    @AfterAll
    static void stop() {
        try {
            if (page != null) {
                page.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    private static String joinUrl(long appointmentId, String token) {
        return server.baseUri().resolve("/join/" + appointmentId + "?token=" + token).toString();
    }

    @Test
    void expiredLinkAsksForANewLink() {
        // A backend configured so that join links stop working a minute before they are handed out: every link it
        // gives is one that has expired, signed and checked by the backend itself.
        BackendSettings expiring = BackendSettings.forTests().toBuilder()
                .patientLinkValidity(Duration.ofMinutes(-1))
                .build();
        try (CareCallServer expiringServer = CareCallServer.start(expiring)) {
            long id = expiringServer.createAppointment("demo-doctor", "Maria Silva",
                    Instant.now().minus(10, ChronoUnit.MINUTES), true);
            page.open(expiringServer.patientJoinUrl(id));
            assertEquals("This link has expired", page.visibleText("notice-title"));
        }
        assertEquals("This link has expired", page.visibleText("notice-title"));
        assertTrue(page.visibleText("notice-text").contains("Ask your clinic to send you a new link"));
        assertFalse(page.isDisplayed("notice-action"), "nothing to retry: only a new link helps");
        page.screenshot(SCREENSHOTS.resolve("error-expired-phone.png"));
    }

    @Test
    void tokenOfAnotherAppointmentSaysTheLinkDoesNotWork() {
        String otherToken = server.patientToken(server.demo().otherDoctorAppointmentId());
        page.open(joinUrl(server.demo().paidAppointmentId(), otherToken));
        assertEquals("This link does not work", page.visibleText("notice-title"));
        assertTrue(page.visibleText("notice-text").contains("ask your clinic to send you a new link"));
    }

    @Test
    void damagedLinkSaysTheLinkDoesNotWork() {
        page.open(joinUrl(server.demo().paidAppointmentId(), "not-a-token"));
        assertEquals("This link does not work", page.visibleText("notice-title"));
        page.open(server.baseUri().resolve("/join/" + server.demo().paidAppointmentId()).toString());
        assertEquals("This link does not work", page.visibleText("notice-title"));
        page.screenshot(SCREENSHOTS.resolve("error-wrong-link-phone.png"));
    }

    @Test
    void unpaidAppointmentSaysToPayFirst() {
        page.open(server.patientJoinUrl(server.demo().unpaidAppointmentId()));
        assertEquals("This appointment is not paid yet", page.visibleText("notice-title"));
        assertTrue(page.visibleText("notice-text").contains("complete the payment"));
        assertEquals("Check again", page.visibleText("notice-action"));
        page.screenshot(SCREENSHOTS.resolve("error-unpaid-phone.png"));
    }

    @Test
    void endedConsultationSaysWhenAndOffersToStartAgain() {
        page.open(server.patientJoinUrl(server.demo().endedCallAppointmentId()));
        assertTrue(page.visibleText("notice-title").endsWith("has ended"));
        String text = page.visibleText("notice-text");
        assertTrue(text.matches("The consultation ended (at|on) .*\\d{2}.*start it again\\."), text);
        page.screenshot(SCREENSHOTS.resolve("ended-phone.png"));
        page.click("notice-action");
        assertEquals("Start Call", page.until(d -> {
            var button = d.findElement(org.openqa.selenium.By.id("primary-action"));
            return button.isEnabled() ? button.getText() : null;
        }));
        assertTrue(page.visibleText("appointment-title").startsWith("Your appointment with"));
    }
}
