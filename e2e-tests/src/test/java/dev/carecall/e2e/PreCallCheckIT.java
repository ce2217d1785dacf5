package dev.carecall.e2e;

import dev.carecall.e2e.browser.Browser;
import dev.carecall.e2e.browser.BrowserOptions;
import dev.carecall.e2e.browser.BrowserOptions.Media;
import dev.carecall.e2e.browser.PatientBrowser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pre-call check in Chromium and Firefox: a live preview and level meter, device menus where there is a choice,
 * the speaker test, the network test with the round trip, the verdict, and plain help when the devices fail.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Browser.class)
class PreCallCheckIT {
    @RegisterExtension
    static final Backend backend = new Backend();

    @Parameter
    Browser browser;

    @Test
    void checksDevicesSpeakerAndNetworkSaysThePatientIsReadyAndOffersDeviceMenus() {
        try (PatientBrowser page = browser.launch(BrowserOptions.desktop())) {
            page.open(backend.server().patientJoinUrl(backend.server().demo().paidAppointmentId()));
            assertTrue(page.visibleText("appointment-title").startsWith("Your appointment with Dr."));
            assertTrue(page.visibleText("appointment-time").contains(" at "));
            page.until(() -> ((Number) page.script("return document.getElementById('preview-video').videoWidth;"))
                    .intValue() > 0, () -> "the camera preview");
            assertEquals("Start Call", page.visibleText("primary-action"));
            assertEquals(0L, page.script("return document.querySelectorAll('input[type=password]').length;"),
                    "a patient never needs a password");

            // The network: CareCall answers (a round trip in ms) and a direct path for the video exists.
            String network = page.until(() -> {
                String lines = page.text("network-lines");
                return lines.contains("ms.") && lines.contains("directly") ? lines : null;
            }, () -> "the network test");
            assertTrue(network.matches("(?s)CareCall answers in \\d+ ms\\..*"), network);

            // The speaker: a sound plays, the patient says they heard it.
            assertEquals("Play the test sound to check that you will hear your doctor.", page.visibleText("speaker-result"));
            page.click("speaker-play");
            assertEquals("Did you hear the sound?", page.visibleText("speaker-question"));
            page.click("speaker-yes");
            assertEquals("Your speaker works.", page.visibleText("speaker-result"));
            // The fake microphone makes a sound: the meter moves (in Firefox once the patient has touched the page,
            // as its sound engine waits for a first gesture).
            page.until(() -> ((Number) page.state().get("micLevel")).doubleValue() > 0.05, () -> "the level meter");

            assertEquals("You are ready", page.until(() -> "You are ready".equals(page.text("readiness-title"))
                    ? "You are ready" : null, () -> "the verdict"));
            Map<String, Object> report = page.readiness();
            assertEquals("ready", report.get("verdict"));
            assertEquals(List.of(), report.get("blockers"));
            Map<?, ?> net = (Map<?, ?>) report.get("network");
            assertEquals("reached", net.get("server"));
            assertTrue(((Number) net.get("roundTripMs")).longValue() >= 0);
            assertEquals(true, ((Map<?, ?>) net.get("paths")).get("direct"));
            assertEquals("heard", ((Map<?, ?>) report.get("speaker")).get("status"));
            assertEquals(true, ((Map<?, ?>) report.get("microphone")).get("levelSeen"));
            page.script("window.scrollTo(0, 0);");
            page.screenshot("precall");

            // A patient who did not hear it is told what to do; the report says so for the doctor.
            page.click("speaker-play");
            page.click("speaker-no");
            assertTrue(page.visibleText("speaker-result").startsWith("Turn up the volume"));
            assertTrue(page.visibleText("readiness-reasons").contains("You did not hear the test sound"));
            assertEquals(List.of("SPEAKER_NOT_HEARD"), page.readiness().get("warnings"));
            page.resize(BrowserOptions.PHONE);
            page.script("window.scrollTo(0, 0);");
            page.screenshot("precall");
            page.resize(BrowserOptions.DESKTOP);

            offersAMenuOnlyWhereThereIsAChoiceAndSwitchesTheMicrophone(page);
        }
    }

    /** Device menus only where there is a choice; choosing another microphone takes effect. */
    private static void offersAMenuOnlyWhereThereIsAChoiceAndSwitchesTheMicrophone(PatientBrowser page) {
        Map<String, Object> report = page.readiness();
        {
            int cameras = ((Number) ((Map<?, ?>) report.get("camera")).get("count")).intValue();
            int microphones = ((Number) ((Map<?, ?>) report.get("microphone")).get("count")).intValue();
            assertEquals(cameras > 1, page.isDisplayed("camera-select"), cameras + " cameras");
            assertEquals(microphones > 1, page.isDisplayed("microphone-select"), microphones + " microphones");
            if (microphones > 1) {
                // Chromium's fake devices include several microphones: choosing another one takes effect.
                String other = (String) page.script("""
                        const s = document.getElementById('microphone-select');
                        return [...s.options].find((o) => o.value !== s.value).value;""");
                page.script("""
                        const s = document.getElementById('microphone-select');
                        s.value = arguments[0]; s.dispatchEvent(new Event('change'));""", other);
                page.until(() -> other.equals(page.script(
                        "return document.getElementById('microphone-select').value;")));
                page.until(() -> ((Number) page.state().get("micLevel")).doubleValue() > 0.05,
                        () -> "the level of the new microphone");
            }
        }
    }

    @Test
    void deniedPermissionExplainsHowToAllowIt() {
        try (PatientBrowser page = browser.launch(BrowserOptions.phone().withMedia(Media.DENIED))) {
            page.open(backend.server().patientJoinUrl(backend.server().demo().paidAppointmentId()));
            assertEquals("Your browser is not allowing the camera and microphone", page.visibleText("media-problem-title"));
            assertTrue(page.visibleText("media-problem-text").contains("Allow"));
            assertTrue(page.until(() -> page.text("readiness-reasons").contains("your doctor will not see you")
                    ? true : null, () -> "the camera warning"));
            page.screenshot("precall-denied");
        }
    }

    @Test
    void noDevicesExplainsAndStillLetsThePatientCall() {
        try (PatientBrowser page = browser.launch(BrowserOptions.phone().withMedia(Media.NO_DEVICES))) {
            page.open(backend.server().patientJoinUrl(backend.server().demo().paidAppointmentId()));
            assertEquals("We could not find a camera or microphone", page.visibleText("media-problem-title"));
            assertEquals("No camera picture", page.visibleText("preview-empty"));
            assertEquals("Start Call", page.until(page::enabledPrimary));
            assertFalse(page.isDisplayed("camera-select"));
        }
    }
}
