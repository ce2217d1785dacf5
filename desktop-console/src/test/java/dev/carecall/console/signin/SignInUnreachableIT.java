package dev.carecall.console.signin;

import dev.carecall.console.ConsoleShell;
import dev.carecall.console.testing.Screens;
import dev.carecall.console.testing.TestConsole;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sign-in screen against an address where nothing listens, in the real window. */
@ExtendWith(ApplicationExtension.class)
class SignInUnreachableIT {
    @TempDir
    static Path dir;
    private static int closedPort;
    private ConsoleShell shell;
    private Stage stage;

    @Start
    void start(Stage stage) throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        this.stage = stage;
        shell = TestConsole.open(stage, dir, "--server=http://127.0.0.1:" + closedPort, "--username=demo-doctor");
    }

    @AfterEach
    void close() {
        Screens.onFx(() -> {
            shell.close();
            return null;
        });
    }

    @Test
    void unreachableServerIsToldInPlainLanguage(FxRobot robot) {
        Label error = robot.lookup("#errorMessage").queryAs(Label.class);
        Screens.waitUntil("the error shows", 20, () -> !error.getText().isEmpty());
        assertEquals("Cannot reach the CareCall server at 127.0.0.1:" + closedPort + ". Check the server address "
                + "and your network connection, then try again.", Screens.onFx(error::getText));

        robot.clickOn("#passwordField").write("demo-password");
        robot.clickOn("#signInButton");
        Screens.waitUntil("signing in has given up", 20,
                () -> !robot.lookup("#signInButton").queryButton().isDisabled() && !error.getText().isEmpty());
        assertTrue(Screens.onFx(error::getText).startsWith("Cannot reach the CareCall server"));
        Screens.screenshot(stage.getScene(), "sign-in-unreachable");
    }

    @Test
    void versionIsInTheFooterAndTheTitle(FxRobot robot) {
        assertEquals("CareCall console 1.0.0", robot.lookup("#versionLabel").queryAs(Label.class).getText());
        assertEquals("CareCall console 1.0.0", Screens.onFx(stage::getTitle));
    }
}
