package dev.carecall.console.testing;

import dev.carecall.backend.CareCallServer;
import dev.carecall.console.ConsoleShell;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;

import java.nio.file.Path;
import java.util.concurrent.TimeoutException;

/**
 * What the window tests of a signed-out doctor share: the shared backend, a console window on its sign-in screen
 * (server and demo-doctor filled in, per-user files in a temporary folder), and a patient side that is closed with
 * the window after each test.
 *
 * @param <P> the kind of patient side the test drives (a bare signaling socket or a whole call engine)
 */
@ExtendWith(ApplicationExtension.class)
public abstract class ConsoleWindowIT<P extends AutoCloseable> {
    protected static CareCallServer server;
    @TempDir
    protected static Path dir;
    /** The console in the window; a test may close it and open another one (other server, real devices). */
    protected ConsoleShell shell;
    protected Stage stage;
    /** The patient side the test connected, if any; closed after the test. */
    protected P patient;
    private CareCallServer ownServer;

    @BeforeAll
    static void startServer() {
        server = SharedServer.get();
    }

    /**
     * What a {@code @Start} method would do; TestFX looks for {@code @Start} only in the test class itself, not in
     * its superclasses, so the shared setup opens the window on the primary stage that TestFX registered.
     */
    @BeforeEach
    void openConsole() throws TimeoutException {
        stage = FxToolkit.registerPrimaryStage();
        shell = Screens.onFx(() -> TestConsole.open(stage, dir, "--server=" + server.baseUri(),
                "--username=demo-doctor"));
    }

    @AfterEach
    void close() throws Exception {
        Screens.onFx(() -> {
            shell.close();
            return null;
        });
        if (patient != null) {
            patient.close();
        }
        if (ownServer != null) {
            ownServer.close(); // closing is idempotent: the test may have stopped it already
        }
    }

    /**
     * Starts a backend of the test's own (so stopping it does not disturb the other tests), and reopens the console
     * window against it. The server is closed after the test unless the test closed it already.
     */
    protected CareCallServer reopenAgainstOwnServer() {
        ownServer = CareCallServer.startForTests();
        Screens.onFx(() -> {
            shell.close();
            shell = TestConsole.open(stage, dir, "--server=" + ownServer.baseUri(), "--username=demo-doctor");
            return null;
        });
        return ownServer;
    }
}
