package dev.carecall.e2e;

import dev.carecall.backend.BackendSettings;
import dev.carecall.backend.CareCallServer;
import dev.carecall.e2e.browser.Browser;
import dev.carecall.e2e.browser.BrowserOptions;
import dev.carecall.e2e.browser.PatientBrowser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import dev.carecall.protocol.ProtocolCodec;
import dev.carecall.protocol.rest.AppointmentView;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every link that cannot lead to a call shows a page in plain language that says what to do, in Chromium and Firefox
 * against the real backend: never a stack trace, never a blank screen.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Browser.class)
class PatientPageErrorsIT {
    @org.junit.jupiter.params.Parameter
    Browser browser;

    @RegisterExtension
    static final Backend backend = new Backend();
    private static PatientBrowser page;

    @BeforeParameterizedClassInvocation
    static void launch(Browser browser) {
        page = browser.launch(BrowserOptions.phone());
    }

    @AfterParameterizedClassInvocation
    static void quit() {
        if (page != null) {
            page.close();
        }
    }

    private static String joinUrl(long appointmentId, String token) {
        return backend.server().baseUri().resolve("/join/" + appointmentId + "?token=" + token).toString();
    }

    /** The page at phone and desktop size. */
    private static void photograph(String name) {
        page.screenshot(name);
        page.resize(BrowserOptions.DESKTOP);
        page.screenshot(name);
        page.resize(BrowserOptions.PHONE);
    }

    @Test
    void expiredLinkAsksForANewLink() {
        // A backend configured so that join links stop working a minute before they are handed out: every link it
        // gives is one that has expired, signed and checked by the backend itself.
        BackendSettings tests = BackendSettings.forTests();
        BackendSettings expiring = tests.with(tests.tokens().withPatientLinkValidity(Duration.ofMinutes(-1)));
        try (CareCallServer expiringServer = CareCallServer.start(expiring)) {
            long id = expiringServer.createAppointment("demo-doctor", "Maria Silva",
                    Instant.now().minus(10, ChronoUnit.MINUTES), true);
            page.open(expiringServer.patientJoinUrl(id));
            assertEquals("This link has expired", page.visibleText("notice-title"));
        }
        assertEquals("This link has expired", page.visibleText("notice-title"));
        assertTrue(page.visibleText("notice-text").contains("Ask your clinic to send you a new link"));
        assertTrue(page.visibleText("notice-text").contains("stop working a few hours after the appointment's time"));
        assertFalse(page.isDisplayed("notice-action"), "nothing to retry: only a new link helps");
        photograph("error-expired");
    }

    @Test
    void aReplacedLinkSaysSoOnTheOpenPageAndWhenOpenedAgainWhileTheNewLinkWorks() throws Exception {
        CareCallServer server = backend.server();
        long id = server.createAppointment("demo-doctor", "Jonas Weber", Instant.now().plus(5, ChronoUnit.MINUTES),
                true);
        String oldLink = server.patientJoinUrl(id);
        page.open(oldLink);
        assertTrue(page.visibleText("appointment-title").startsWith("Your appointment with Dr."));

        HttpResponse<String> reissued = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        server.baseUri().resolve("/api/appointments/" + id + "/join-link"))
                .header("Authorization", "Bearer " + server.doctorToken("demo-doctor"))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, reissued.statusCode(), reissued.body());
        String newLink = new ProtocolCodec().fromJson(reissued.body(), AppointmentView.class).joinUrl();

        // The page that was open hears it on its socket and changes by itself.
        assertEquals("This link was replaced", page.visibleText("notice-title"));
        page.open(oldLink);
        assertEquals("This link was replaced", page.visibleText("notice-title"));
        assertTrue(page.visibleText("notice-text").contains("ask the clinic for the new one"));
        assertFalse(page.isDisplayed("notice-action"), "nothing to retry: only the new link helps");
        photograph("error-link-replaced");

        page.open(newLink);
        assertTrue(page.visibleText("appointment-title").startsWith("Your appointment with Dr."));
    }

    @Test
    void tokenOfAnotherAppointmentSaysTheLinkDoesNotWork() {
        String otherToken = backend.server().patientToken(backend.server().demo().otherDoctorAppointmentId());
        page.open(joinUrl(backend.server().demo().paidAppointmentId(), otherToken));
        assertEquals("This link does not work", page.visibleText("notice-title"));
        assertTrue(page.visibleText("notice-text").contains("ask your clinic to send you a new link"));
    }

    @Test
    void damagedLinkSaysTheLinkDoesNotWork() {
        page.open(joinUrl(backend.server().demo().paidAppointmentId(), "not-a-token"));
        assertEquals("This link does not work", page.visibleText("notice-title"));
        page.open(backend.server().baseUri().resolve("/join/" + backend.server().demo().paidAppointmentId()).toString());
        assertEquals("This link does not work", page.visibleText("notice-title"));
        photograph("error-wrong-link");
    }

    /**
     * The server's Content-Security-Policy fits the page (no violation while it starts; every other test of the
     * browser package fails at close on any) and is enforced: inline script is refused, and the watch sees it.
     */
    @Test
    void thePageRunsUnderItsStrictPolicyAndInlineScriptIsRefused() {
        page.open(backend.server().patientJoinUrl(backend.server().demo().paidAppointmentId()));
        assertEquals(java.util.List.of(), page.contentSecurityPolicyViolations());
        page.script("const s = document.createElement('script'); s.textContent = 'window.injected = true;';"
                + " document.head.append(s);");
        java.util.List<String> seen = page.until(() -> {
            java.util.List<String> v = page.contentSecurityPolicyViolations();
            return v.isEmpty() ? null : v;
        });
        assertTrue(seen.getFirst().startsWith("script-src"), seen.toString());
        assertFalse(Boolean.TRUE.equals(page.script("return window.injected === true;")), "inline script ran");
        page.script("sessionStorage.removeItem('carecall.test.csp');");
    }

    @Test
    void unpaidAppointmentSaysToPayFirst() {
        page.open(backend.server().patientJoinUrl(backend.server().demo().unpaidAppointmentId()));
        assertEquals("This appointment is not paid yet", page.visibleText("notice-title"));
        assertTrue(page.visibleText("notice-text").contains("complete the payment"));
        assertEquals("Check again", page.visibleText("notice-action"));
        photograph("error-unpaid");
    }

    @Test
    void endedConsultationSaysWhenAndStartsAgainOnRequest() {
        long id = backend.server().createAppointment("demo-doctor", "Aisha Rahman", Instant.now(), true);
        try (DoctorSide doctor = Consultation.doctor(backend.server(), id)) {
            doctor.awaitPhase(dev.carecall.console.call.CallPhase.READY);
            doctor.engine.startCall();
            doctor.awaitPhase(dev.carecall.console.call.CallPhase.WAITING_FOR_PEER);
            doctor.engine.endCall();
            doctor.awaitPhase(dev.carecall.console.call.CallPhase.ENDED);
            page.open(backend.server().patientJoinUrl(id));
            assertTrue(page.visibleText("notice-title").endsWith("has ended"));
            String text = page.visibleText("notice-text");
            assertTrue(text.matches("The consultation ended (at|on) .*\\d{2}.*start it again\\."), text);
            photograph("ended-link");
            page.click("notice-action");
            // The call starts at once: the patient waits for the doctor, who is offered to join.
            doctor.awaitPhase(dev.carecall.console.call.CallPhase.INCOMING);
            assertTrue(page.visibleText("remote-placeholder-text").startsWith("Waiting for Dr."));
            doctor.engine.endCall();
            page.visibleText("notice-title");
        }
    }
}
