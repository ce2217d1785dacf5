package dev.carecall.console.i18n;

import dev.carecall.console.testing.EnglishLeftovers;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The comparison GermanConsoleIT relies on finds English, and only English. */
class EnglishLeftoversTest {
    private final EnglishLeftovers english = new EnglishLeftovers("de");

    @Test
    void englishTextsAreFoundWithTheirPlaceholdersFilledIn() {
        assertEquals(List.of("appointments.start: Start Call"), english.in(List.of("Start Call")));
        assertEquals(List.of("call.phase.incoming: Maria Silva is waiting"),
                english.in(List.of("Maria Silva is waiting")));
        assertEquals(List.of("call.remote.muted: Maria Silva has muted their microphone."),
                english.in(List.of("Keine Kamera gefunden.\nMaria Silva has muted their microphone.")));
    }

    @Test
    void germanTextsAndNamesAreNotEnglish() {
        assertTrue(english.in(List.of("Anruf starten", "Senden", "Maria Silva wartet", "Chat mit Maria Silva",
                "CareCall", "Deutsch", "English", "Heute, 14:30")).isEmpty());
    }
}
