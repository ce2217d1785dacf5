package dev.carecall.console.signin;

import dev.carecall.backend.CareCallServer;
import dev.carecall.console.ConsoleShell;
import dev.carecall.console.api.CareCallApi;
import dev.carecall.console.api.DoctorSession;
import dev.carecall.console.config.ConfigLocations;
import dev.carecall.console.config.TlsTrust;
import dev.carecall.console.testing.ConsoleRobot;
import dev.carecall.console.testing.Screens;
import dev.carecall.console.testing.SharedServer;
import dev.carecall.console.testing.TestConsole;
import dev.carecall.protocol.rest.LoginResponse;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sign-in against the real backend: the "reached server" line on stdout that the installer's test and clinic IT
 * watch, a wrong password, success and what is remembered.
 */
@ExtendWith(ApplicationExtension.class)
class SignInIT {
    private static CareCallServer server;
    private static final ByteArrayOutputStream STDOUT = new ByteArrayOutputStream();
    private static PrintStream originalOut;
    @TempDir
    static Path dir;
    private ConsoleShell shell;

    @BeforeAll
    static void startServer() {
        server = SharedServer.get();
        originalOut = System.out;
        // Tee stdout: the installer's test relies on the console's log line, so this test reads it too.
        System.setOut(new PrintStream(new OutputStream() {
            @Override
            public synchronized void write(int b) {
                STDOUT.write(b);
                originalOut.write(b);
            }
        }, true, StandardCharsets.UTF_8));
    }

    @AfterAll
    static void restoreStdout() {
        System.setOut(originalOut);
    }

    @Start
    void start(Stage stage) {
        shell = TestConsole.open(stage, dir, "--server=" + server.baseUri(), "--username=demo-doctor");
    }

    @AfterEach
    void close() {
        Screens.onFx(() -> {
            shell.close();
            return null;
        });
    }

    @Test
    void reachingTheServerIsShownAndLogged(FxRobot fx) {
        ConsoleRobot robot = new ConsoleRobot(fx);
        String authority = server.baseUri().getAuthority();
        Screens.waitUntil("Connected shows", 20, () -> robot.text("#serverStatus").equals("Connected to " + authority));
        String log = STDOUT.toString(StandardCharsets.UTF_8);
        assertTrue(log.matches("(?s).*CareCall console 1\\.0\\.0: reached server " + server.baseUri()
                + " \\(CareCall \\S+, protocol 1\\)\\R.*"), log);
    }

    @Test
    void wrongPasswordIsToldInPlainLanguage(FxRobot fx) {
        ConsoleRobot robot = new ConsoleRobot(fx);
        robot.signIn("not-the-password");
        Screens.waitUntil("the error shows", 20, () -> !robot.text("#errorMessage").isEmpty());
        assertEquals("The username or password is not correct. Check them and try again.",
                robot.text("#errorMessage"));
        assertTrue(robot.shows("#signInButton"));
        Screens.screenshot(fx.lookup("#signInButton").query().getScene(), "sign-in-wrong-password");
    }

    @Test
    void expiredSessionSendsTheDoctorBackToSignIn(FxRobot fx) {
        ConsoleRobot robot = new ConsoleRobot(fx);
        CareCallApi api = new CareCallApi(server.baseUri(), TlsTrust.sslContext(java.util.Optional.empty()));
        LoginResponse login = api.login("demo-doctor", "demo-password");
        DoctorSession stale = new DoctorSession(api, api.info(), new LoginResponse(login.token() + "x",
                login.expiresAt(), login.doctor()));
        Screens.onFx(() -> {
            shell.showAppointments(stale);
            return null;
        });
        Screens.waitUntil("the sign-in screen says why", 20,
                () -> robot.text("#errorMessage").equals("Your session has expired. Please sign in again."));
    }

    @Test
    void signingInShowsTheListAndRemembersTheUser(FxRobot fx) throws IOException {
        ConsoleRobot robot = new ConsoleRobot(fx);
        robot.signIn("demo-password");
        long paid = server.demo().paidAppointmentId();
        Screens.waitUntil("the appointment list shows", 20, () -> robot.hasCard(paid));
        assertTrue(robot.text("#doctorName").startsWith("Dr"), robot.text("#doctorName"));
        ConfigLocations files = TestConsole.locations(dir);
        Screens.waitUntil("the user name is remembered", 10, () -> Files.exists(files.userFile())
                && Files.readString(files.userFile()).contains("signIn.lastUsername=demo-doctor"));
        // The address came from --server: saving it would pin this user to it.
        assertTrue(!Files.readString(files.userFile()).contains("server.url"));
        assertTrue(!Files.exists(files.machineFile()));
    }
}
