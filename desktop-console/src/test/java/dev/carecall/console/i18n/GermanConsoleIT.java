package dev.carecall.console.i18n;

import dev.carecall.console.call.CallPhase;
import dev.carecall.console.testing.ConsoleRobot;
import dev.carecall.console.testing.ConsoleWindowIT;
import dev.carecall.console.testing.EnglishLeftovers;
import dev.carecall.console.testing.PatientSide;
import dev.carecall.console.testing.Screens;
import dev.carecall.console.testing.TestConsole;
import javafx.scene.control.ListView;
import javafx.scene.layout.VBox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The doctor switches the console to German in the settings and walks every screen: settings with the connection test
 * run, the appointment list, a call with chat and notices, the end of the call, signing out, a wrong password, an
 * unreachable server, and a new start that remembers the language. No screen may show a text of the English catalogue
 * or cut a German text off; each is photographed.
 */
class GermanConsoleIT extends ConsoleWindowIT<PatientSide> {
    /** XDisplay's test hook: check this display name instead of DISPLAY. */
    private static final String DISPLAY_PROPERTY = "carecall.screenShare.display";
    private final EnglishLeftovers english = new EnglishLeftovers("de");

    @AfterEach
    void restoreDisplay() {
        System.clearProperty(DISPLAY_PROPERTY);
    }

    @Test
    void everyScreenSpeaksGermanAfterTheDoctorChoosesIt(FxRobot fx) throws IOException {
        ConsoleRobot robot = new ConsoleRobot(fx);
        long id = server.createAppointment("demo-doctor", "Lena Vogel", Instant.now().plus(5, ChronoUnit.MINUTES),
                true);
        robot.signIn("demo-password");
        Screens.waitUntil("the list shows Lena Vogel", 20, () -> robot.hasCard(id));

        // Settings: the doctor picks Deutsch as a person would, and saves.
        fx.clickOn("#settingsButton");
        Screens.waitUntil("the settings show", 20, () -> robot.shows("#languageChoice"));
        fx.clickOn("#languageChoice");
        fx.clickOn("Deutsch");
        fx.clickOn("#saveSettingsButton");
        Screens.waitUntil("the settings speak German", 20,
                () -> robot.text("#settingsStatus").equals("Gespeichert. Ihr nächster Anruf verwendet diese Geräte."));
        assertEquals("Einstellungen", robot.text(".settings-title"));
        Screens.waitUntil("the devices are listed", 20, () -> robot.text("#saveSettingsButton").equals("Speichern")
                && !fx.lookup("#cameraChoice").queryComboBox().getItems().isEmpty());
        assertTrue(Files.readString(TestConsole.locations(dir).userFile()).contains("ui.language=de"));
        check("de-settings");

        // The connection test on the same screen, below the fold: every step's line and the verdict.
        Screens.scroll(stage.getScene(), 1);
        fx.clickOn("#testConnectionButton");
        Screens.waitUntil("the connection test is done", 90,
                () -> robot.text("#connectionTestSummary").startsWith("Alle Prüfungen bestanden"));
        VBox lines = fx.lookup("#connectionTestLines").queryAs(VBox.class);
        assertTrue(Screens.onFx(() -> lines.getChildren().size()) >= 4, "the test shows a line per step");
        Screens.scroll(stage.getScene(), 1);
        check("de-settings-connection-test");
        Screens.scroll(stage.getScene(), 0);

        // The list, live: a copied link, an unpaid appointment, and the patient starting the call.
        fx.clickOn("#backButton");
        Screens.waitUntil("the list shows in German", 20,
                () -> robot.hasCard(id) && robot.callLabel(id).equals("Anruf starten"));
        fx.clickOn(fx.from(robot.card(id)).lookup(".copy-link").queryButton());
        Screens.waitUntil("the link is copied", 10, () -> robot.text("#listInfo").startsWith("Teilnahmelink für"));
        patient = new PatientSide(server.webSocketBaseUri(), id, server.patientToken(id));
        PatientSide.await("the patient registered", 20, () -> patient.phase() == CallPhase.READY);
        patient.engine().startCall();
        Screens.waitUntil("the button says Anruf beitreten", 20, () -> robot.callLabel(id).equals("Anruf beitreten"));
        assertEquals("Patient wartet", robot.badge(id));
        check("de-appointments");

        // The call: the patient mutes, chat both ways, the doctor's own mic off, a screen share that cannot start.
        fx.clickOn(robot.callButton(id));
        Screens.waitUntil("the call connects", 30, () -> robot.text("#phaseLabel").equals("Verbunden"));
        patient.engine().setMicrophoneEnabled(false);
        Screens.waitUntil("the doctor reads the patient is muted", 20,
                () -> robot.text("#remoteMediaLabel").equals("Lena Vogel hat das Mikrofon stummgeschaltet."));
        fx.clickOn("#chatField").write("Guten Tag, Frau Vogel.");
        fx.clickOn("#chatSendButton");
        PatientSide.await("the patient got the line", 20, () -> patient.received("Guten Tag, Frau Vogel."));
        patient.engine().sendChat("Guten Tag!");
        ListView<?> chat = fx.lookup("#chatList").queryAs(ListView.class);
        Screens.waitUntil("both chat lines show", 20, () -> chat.getItems().size() == 2);
        fx.clickOn("#micButton");
        System.setProperty(DISPLAY_PROPERTY, ":" + (50_000 + ProcessHandle.current().pid() % 9000));
        fx.clickOn("#shareButton");
        Screens.waitUntil("the doctor reads why sharing did not start", 20,
                () -> robot.text("#noticeLabel").contains("Bildschirmfreigabe ist auf diesem Computer nicht möglich"));
        Screens.waitUntil("the timer runs", 20, () -> !robot.text("#timerLabel").equals("00:00"));
        check("de-call");

        // The patient hangs up: back at the list, which says so.
        patient.engine().endCall();
        Screens.waitUntil("back at the list", 20, () -> robot.hasCard(id));
        Screens.waitUntil("the badge says the call ended", 20, () -> robot.badge(id).equals("Anruf beendet"));
        check("de-appointments-after-call");

        // The call's history from the card: its timeline, quality and chat in German.
        fx.clickOn("#history-" + id);
        Screens.waitUntil("the history shows the call", 20, () -> robot.texts(".timeline-line")
                .contains("Lena Vogel hat den Anruf beendet.") && robot.texts(".chat-text").contains("Guten Tag!"));
        check("de-history");
        fx.clickOn("#historyBack");
        Screens.waitUntil("back at the list", 20, () -> robot.hasCard(id));

        // Signing out and a wrong password: the sign-in screen and its plain-language problem.
        fx.clickOn("#signOutButton");
        Screens.waitUntil("the sign-in screen speaks German", 20,
                () -> robot.text("#signInButton").equals("Anmelden"));
        robot.signIn("falsches-passwort");
        Screens.waitUntil("the error shows", 20, () -> !robot.text("#errorMessage").isEmpty());
        assertEquals("Benutzername oder Passwort sind nicht korrekt. Prüfen Sie beides und versuchen Sie es erneut.",
                robot.text("#errorMessage"));
        check("de-sign-in-wrong-password");

        // A new start remembers German; a server that does not answer is told in German too.
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Screens.onFx(() -> {
            shell.close();
            shell = TestConsole.open(stage, dir, "--server=http://127.0.0.1:" + closedPort, "--username=demo-doctor");
            return null;
        });
        Screens.waitUntil("the unreachable server is told", 20, () -> robot.text("#errorMessage")
                .startsWith("Der CareCall-Server unter 127.0.0.1:" + closedPort + " ist nicht erreichbar."));
        assertEquals("CareCall-Konsole 1.0.0", Screens.onFx(stage::getTitle));
        check("de-sign-in-unreachable");
    }

    /** The screen as it is now has no English text; then it is photographed for a person to look at. */
    private void check(String screenshot) {
        List<String> leftovers = Screens.onFx(() -> english.in(stage));
        int texts = Screens.onFx(() -> EnglishLeftovers.countTexts(stage));
        assertTrue(texts > 5, screenshot + ": the walk saw only " + texts + " texts");
        assertTrue(leftovers.isEmpty(), screenshot + " shows English: " + leftovers);
        List<String> truncated = Screens.onFx(() -> EnglishLeftovers.truncated(stage));
        assertTrue(truncated.isEmpty(), screenshot + " cuts off " + truncated);
        Screens.screenshot(stage.getScene(), screenshot);
    }
}
