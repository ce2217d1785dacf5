package dev.carecall.console.call;

import dev.carecall.backend.CareCallServer;
import dev.carecall.console.ConsoleShell;
import dev.carecall.console.testing.ConsoleRobot;
import dev.carecall.console.testing.PatientSide;
import dev.carecall.console.testing.Screens;
import dev.carecall.console.testing.SharedServer;
import dev.carecall.console.testing.TestConsole;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * When screen capture cannot start (here: the X display it would use does not answer), the share button must not
 * claim the screen is shared: it follows what the engine reports, and the doctor reads why.
 */
@ExtendWith(ApplicationExtension.class)
class ScreenShareRefusedIT {
    /** XDisplay's test hook: check this display name instead of DISPLAY. */
    private static final String DISPLAY_PROPERTY = "carecall.screenShare.display";
    private static CareCallServer server;
    @TempDir
    static Path dir;
    private ConsoleShell shell;
    private PatientSide patient;

    @BeforeAll
    static void startServer() {
        server = SharedServer.get();
    }

    @Start
    void start(Stage stage) {
        shell = TestConsole.open(stage, dir, "--server=" + server.baseUri(), "--username=demo-doctor");
    }

    @AfterEach
    void close() {
        System.clearProperty(DISPLAY_PROPERTY);
        Screens.onFx(() -> {
            shell.close();
            return null;
        });
        if (patient != null) {
            patient.close();
        }
    }

    @Test
    void shareButtonStaysOffWhenCaptureCannotStart(FxRobot fx) {
        ConsoleRobot robot = new ConsoleRobot(fx);
        long id = server.createAppointment("demo-doctor", "Ana Costa", Instant.now(), true);
        robot.signIn("demo-password");
        Screens.waitUntil("the list shows Ana Costa", 20, () -> robot.hasCard(id));
        patient = robot.joinCallThePatientStarted(new PatientSide(server.webSocketBaseUri(), id,
                server.patientToken(id)), id);

        System.setProperty(DISPLAY_PROPERTY, ":" + (50_000 + ProcessHandle.current().pid() % 9000));
        fx.clickOn("#shareButton");
        Screens.waitUntil("the doctor reads why", 20,
                () -> robot.text("#noticeLabel").startsWith("Screen sharing is not available on this computer"));
        assertEquals("Share screen", robot.text("#shareButton"), "the button must not claim the screen is shared");
        assertNull(patient.doctorSharing(), "the patient is not told of a share that never began");
        assertEquals("Connected", robot.text("#phaseLabel"));
    }
}
