package dev.carecall.e2e;

import dev.carecall.console.call.CallPhase;
import dev.carecall.e2e.browser.Axe;
import dev.carecall.e2e.browser.Browser;
import dev.carecall.e2e.browser.BrowserOptions;
import dev.carecall.e2e.browser.PatientBrowser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.openqa.selenium.Dimension;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static dev.carecall.e2e.Consultation.awaitMediaBothWays;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every state of the page (error pages, pre-call check, waiting, call, chat, ended), walked once by a patient whose
 * browser speaks German, in Berlin's time zone: none shows a text of the English catalogue, dates and times are German
 * and Berlin's, and the axe-core audit (injected by the test) finds no serious or critical violation at phone and
 * desktop size, where each state is photographed in each browser. The patient can also pick another language, which the
 * page remembers.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Browser.class)
class EveryStateIT {
    private static final String ZONE = "Europe/Berlin";
    private static final Map<String, String> GERMAN = Catalogue.read("de");

    @RegisterExtension
    static final Backend backend = new Backend();
    private static PatientBrowser page;

    @Parameter
    Browser browser;

    @BeforeParameterizedClassInvocation
    static void launch(Browser browser) {
        page = browser.launch(BrowserOptions.phone().withLanguage("de-DE", ZONE));
    }

    @AfterParameterizedClassInvocation
    static void quit() {
        if (page != null) {
            page.close();
        }
    }

    /**
     * The state speaks German only and passes the audit at desktop and at phone size, where it is photographed as
     * target/screenshots/{browser}-de-{name}-{desktop|phone}.png; it is left at phone size.
     */
    private static void check(String state, String name) {
        List<String> english = Catalogue.englishOn(page, GERMAN);
        assertEquals(List.of(), english, "English on the German page in state '" + state + "'");
        assertEquals("de", page.script("return document.documentElement.lang;"), state);
        for (Dimension size : List.of(BrowserOptions.DESKTOP, BrowserOptions.PHONE)) {
            Axe.assertNoSeriousViolations(page, state, List.of(size));
            page.screenshot("de-" + name);
        }
    }

    @Test
    void everyStateSpeaksGermanAndPassesTheAudit() {
        page.open(backend.server().baseUri().resolve("/join/1?token=damaged").toString());
        assertEquals("Dieser Link funktioniert nicht", page.visibleText("notice-title"));
        check("wrong link", "wrong-link");
        page.open(backend.server().patientJoinUrl(backend.server().demo().unpaidAppointmentId()));
        assertEquals("Dieser Termin ist noch nicht bezahlt", page.visibleText("notice-title"));
        check("unpaid", "unpaid");

        Instant at = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
        long id = backend.server().createAppointment("demo-doctor", "Maria Silva", at, true);
        try (DoctorSide doctor = Consultation.doctor(backend.server(), id)) {
            page.open(backend.server().patientJoinUrl(id));
            assertEquals("Anruf starten", page.until(page::enabledPrimary));
            ZonedDateTime berlin = at.atZone(ZoneId.of(ZONE));
            String time = page.visibleText("appointment-time");
            assertTrue(time.contains(berlin.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.GERMAN))
                    && time.contains(berlin.format(DateTimeFormatter.ofPattern("HH:mm")))
                    && time.contains(" um "), time);
            page.until(() -> !"checking".equals(page.readiness().get("verdict")), () -> "the check to finish");
            page.click("speaker-play");
            page.visibleText("speaker-question");
            check("pre-call, asking about the sound", "precall-speaker-question");
            page.click("speaker-no");
            assertTrue(page.visibleText("readiness-reasons").contains("Testton nicht gehört"));
            check("pre-call", "precall");

            page.click("primary-action");
            assertEquals("Warten auf Dr. Ana Costa …", page.visibleText("remote-placeholder-text"));
            check("waiting", "waiting");
            doctor.awaitPhase(CallPhase.INCOMING);
            doctor.engine.joinCall();
            awaitMediaBothWays(page, doctor, "German");
            doctor.engine.setMicrophoneEnabled(false);
            assertEquals("Das Mikrofon Ihrer Praxis ist aus", page.visibleText("remote-muted"));
            page.click("toggle-mic");
            assertEquals("Ton an", page.visibleText("toggle-mic"));
            check("call", "call");

            page.click("toggle-chat");
            page.keys("Guten Tag!\n");
            doctor.await(() -> doctor.chat().contains("patient: Guten Tag!"), "the patient's chat line");
            doctor.engine.sendChat("Hallo, wie geht es Ihnen?");
            page.until(() -> page.text("chat-lines").contains("Hallo, wie geht es Ihnen?"));
            assertTrue(page.text("chat-lines").contains("Sie · "));
            check("chat", "chat");

            doctor.engine.endCall();
            assertEquals("Ihre Sprechstunde bei Dr. Ana Costa ist beendet", page.visibleText("notice-title"));
            assertTrue(page.visibleText("notice-text").matches(
                    "Dr\\. Ana Costa hat die Sprechstunde um \\d{2}:\\d{2} beendet\\..*"), page.text("notice-text"));
            assertEquals("Anruf erneut starten", page.visibleText("notice-action"));
            check("ended", "ended");
        }
    }

    @Test
    void thePatientPicksAnotherLanguageAndThePageRemembersIt() {
        page.open(backend.server().patientJoinUrl(backend.server().demo().paidAppointmentId()));
        assertEquals("Anruf starten", page.until(page::enabledPrimary));
        try {
            choose("fr");
            assertEquals("Démarrer l'appel", page.until(() -> "Démarrer l'appel".equals(page.enabledPrimary())
                    ? page.enabledPrimary() : null, () -> "French"));
            assertEquals("Vérifiez avant votre appel", page.visibleText("view-precall").lines()
                    .filter(l -> l.startsWith("Vérifiez")).findFirst().orElse(""));
            page.reload();
            assertEquals("Démarrer l'appel", page.until(page::enabledPrimary));
            choose("es");
            assertEquals("Iniciar llamada", page.until(() -> "Iniciar llamada".equals(page.enabledPrimary())
                    ? page.enabledPrimary() : null, () -> "Spanish"));
        } finally {
            page.script("localStorage.removeItem('carecall.language');");
        }
    }

    private static void choose(String language) {
        page.script("""
                const s = document.getElementById('language');
                s.value = arguments[0]; s.dispatchEvent(new Event('change'));""", language);
    }
}
