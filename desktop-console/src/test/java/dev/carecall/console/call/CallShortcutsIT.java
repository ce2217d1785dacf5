package dev.carecall.console.call;

import dev.carecall.console.testing.ConsoleRobot;
import dev.carecall.console.testing.ConsoleWindowIT;
import dev.carecall.console.testing.PatientSide;
import dev.carecall.console.testing.Screens;
import javafx.scene.control.Button;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The call's keyboard shortcuts in the real window with a real patient engine: Ctrl+Shift+M and Ctrl+Shift+O switch
 * the microphone and camera while the doctor types in the chat (the patient is told, and no letter lands in the
 * chat), the buttons' tooltips name them, and Ctrl+Shift+H ends the call for both.
 */
class CallShortcutsIT extends ConsoleWindowIT<PatientSide> {
    @Test
    void theDoctorMutesTurnsTheCameraOffAndHangsUpFromTheKeyboard(FxRobot fx) {
        ConsoleRobot robot = new ConsoleRobot(fx);
        long id = server.createAppointment("demo-doctor", "Ravi Patel", Instant.now().plus(5, ChronoUnit.MINUTES),
                true);
        robot.signIn("demo-password");
        Screens.waitUntil("the list shows Ravi Patel", 20, () -> robot.hasCard(id));
        patient = robot.joinCallThePatientStarted(new PatientSide(server.webSocketBaseUri(), id,
                server.patientToken(id)), id);

        assertEquals("Microphone on or off (Ctrl+Shift+M)", tooltip(fx, "#micButton"));
        assertEquals("Camera on or off (Ctrl+Shift+O)", tooltip(fx, "#cameraButton"));
        assertEquals("End the call for both of you (Ctrl+Shift+H)", tooltip(fx, "#endCallButton"));

        fx.clickOn("#chatField").write("One moment");
        fx.push(KeyCode.SHORTCUT, KeyCode.SHIFT, KeyCode.M);
        Screens.waitUntil("the microphone is off", 20, () -> robot.text("#micButton").equals("Microphone off · Unmute"));
        PatientSide.await("the patient is told the doctor muted", 20, () -> Boolean.FALSE.equals(patient.doctorAudio()));
        fx.push(KeyCode.SHORTCUT, KeyCode.SHIFT, KeyCode.O);
        Screens.waitUntil("the camera is off", 20, () -> robot.text("#cameraButton").equals("Camera off · Turn on"));
        PatientSide.await("the patient is told the camera is off", 20,
                () -> Boolean.FALSE.equals(patient.doctorVideo()));
        assertEquals("One moment", Screens.onFx(() -> fx.lookup("#chatField").queryAs(TextField.class).getText()),
                "the shortcuts typed nothing into the chat");
        fx.push(KeyCode.SHORTCUT, KeyCode.SHIFT, KeyCode.M);
        Screens.waitUntil("the microphone is on again", 20, () -> robot.text("#micButton").equals("Mute microphone"));
        PatientSide.await("the patient hears the doctor again", 20, () -> Boolean.TRUE.equals(patient.doctorAudio()));
        Screens.screenshot(stage.getScene(), "call-shortcuts");

        fx.push(KeyCode.SHORTCUT, KeyCode.SHIFT, KeyCode.H);
        Screens.waitUntil("the doctor is back at the list", 20, () -> robot.hasCard(id));
        Screens.waitUntil("the badge says the call ended", 20, () -> robot.badge(id).equals("Call ended"));
        PatientSide.await("the patient's call ended", 20, () -> patient.saw(CallPhase.ENDED));
    }

    private static String tooltip(FxRobot fx, String query) {
        return Screens.onFx(() -> fx.lookup(query).queryAs(Button.class).getTooltip().getText());
    }
}
