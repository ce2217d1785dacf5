package dev.carecall.e2e;

import dev.carecall.console.call.CallPhase;
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
import org.openqa.selenium.Keys;

import java.util.List;
import java.util.Map;

import static dev.carecall.e2e.Consultation.awaitMediaBothWays;
import static dev.carecall.e2e.Consultation.newAppointment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The page for everyone without a mouse: a whole consultation works by keyboard alone with a focus ring that shows,
 * the call controls have names a screen reader reads, and the doctor's arrival and the end are announced (the
 * knock is in {@link PatientCallIT}, the axe-core audit of every state in {@link EveryStateIT}). The keyboard walk runs
 * fully in Chromium; headless Firefox never focuses its window, so there the Tab order and the page's own keys are
 * checked, while buttons are clicked once Tab has reached them.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Browser.class)
class AccessibilityIT {
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
    void aWholeConsultationWorksByKeyboardAloneWithAVisibleFocus() {
        long id = newAppointment(backend.server());
        try (DoctorSide doctor = Consultation.doctor(backend.server(), id)) {
            page.open(backend.server().patientJoinUrl(id));
            page.until(page::enabledPrimary);
            tabTo("primary-action");
            press(Keys.ENTER, "primary-action");
            page.visibleText("remote-placeholder-text");
            doctor.awaitPhase(CallPhase.INCOMING);
            doctor.engine.joinCall();
            page.awaitAnnouncement("Dr. Ana Costa has joined the call.");
            awaitMediaBothWays(page, doctor, "keyboard");

            // Every call control has a name a screen reader reads out.
            @SuppressWarnings("unchecked")
            List<String> names = (List<String>) page.script("""
                    return [...document.querySelectorAll('.controls button')]
                      .filter((b) => b.checkVisibility())
                      .map((b) => (b.getAttribute('aria-label') || b.textContent).trim());""");
            assertEquals(List.of("Mute", "Stop video", "Chat", "End call"), names);

            tabTo("toggle-mic");
            press(Keys.SPACE, "toggle-mic");
            doctor.await(() -> !doctor.patientAudio(), "the patient muted by keyboard");
            tabTo("toggle-chat");
            press(Keys.ENTER, "toggle-chat");
            page.until(() -> "chat-input".equals(page.focusedId()), () -> "focus in the chat");
            page.keys("Typed without a mouse\n");
            doctor.await(() -> doctor.chat().contains("patient: Typed without a mouse"), "the chat line");
            page.keys(Keys.ESCAPE);
            page.until(() -> !page.isDisplayed("chat") && "toggle-chat".equals(page.focusedId()),
                    () -> "Escape to close the chat and give focus back");
            // With the chat closed, a screen reader still reads what the doctor writes (the list itself is quiet,
            // so the lines a reloaded page gets back are not all read out again).
            doctor.engine.sendChat("Take your time.");
            page.awaitAnnouncement("Message from Dr. Ana Costa: Take your time.");

            tabTo("end-call");
            press(Keys.ENTER, "end-call");
            assertTrue(page.visibleText("notice-title").endsWith("has ended"));
            assertEquals("notice-title", page.until(() -> "notice-title".equals(page.focusedId()) ? "notice-title" : null,
                    () -> "focus on the ended page's heading"));
            page.awaitAnnouncement("Your consultation with Dr. Ana Costa has ended");
            tabTo("notice-action");
            press(Keys.ENTER, "notice-action");
            doctor.awaitPhase(CallPhase.INCOMING);
            doctor.engine.endCall();
            page.visibleText("notice-title");
        }
    }

    /**
     * Presses Enter or Space on the focused button. Headless Firefox, whose window never gains focus, delivers the
     * key events but performs no default action for them (a button is not activated, while a form's Enter and the
     * page's own Escape work), so there the button Tab has reached is clicked instead; Chromium takes the key.
     */
    private void press(CharSequence key, String id) {
        assertEquals(id, page.focusedId(), "the control has keyboard focus");
        if (browser == Browser.CHROMIUM) {
            page.keys(key);
        } else {
            page.click(id);
        }
    }

    /**
     * Presses Tab until the element has focus, checking on the way that each focused element shows its focus. Headless
     * Firefox never activates its window, so :focus (and the ring) cannot match there; the ring is checked in
     * Chromium, the keyboard path in both.
     */
    private void tabTo(String id) {
        boolean windowFocused = Boolean.TRUE.equals(page.script("return document.hasFocus();"));
        if (browser == Browser.CHROMIUM) {
            assertTrue(windowFocused, "Chromium's window has focus, so the focus ring is checked");
        }
        for (int i = 0; i < 40; i++) {
            page.keys(Keys.TAB);
            String focused = page.focusedId();
            if (!windowFocused) {
                if (id.equals(focused)) {
                    return;
                }
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> ring = (Map<String, Object>) page.script("""
                    const e = document.activeElement;
                    const s = getComputedStyle(e);
                    return {tag: e.tagName, style: s.outlineStyle, width: parseFloat(s.outlineWidth),
                            shadow: s.boxShadow, visible: e.matches(':focus-visible')};""");
            assertTrue(Boolean.TRUE.equals(ring.get("visible")) && !"none".equals(ring.get("style"))
                    && ((Number) ring.get("width")).doubleValue() >= 2, "no visible focus on #" + focused + ": " + ring);
            if (id.equals(focused)) {
                return;
            }
        }
        throw new AssertionError("[" + page + "] Tab never reached #" + id + "; focus is on #" + page.focusedId());
    }
}
