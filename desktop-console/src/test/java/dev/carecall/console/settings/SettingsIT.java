package dev.carecall.console.settings;

import dev.carecall.backend.CareCallServer;
import dev.carecall.console.api.CareCallApi;
import dev.carecall.console.check.ConnectivityCheck;
import dev.carecall.console.config.CommandLine;
import dev.carecall.console.config.TlsTrust;
import dev.carecall.console.connectivity.ConnectionTestView;
import dev.carecall.console.connectivity.ConnectionTestViewModel;
import dev.carecall.console.testing.SharedServer;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import dev.carecall.console.config.ConfigKey;
import dev.carecall.console.config.ConfigLocations;
import dev.carecall.console.config.ConsoleConfig;
import dev.carecall.console.i18n.Language;
import dev.carecall.console.i18n.Texts;
import dev.carecall.console.media.MediaDevices;
import dev.carecall.console.testing.ConsoleRobot;
import dev.carecall.console.testing.Screens;
import dev.carecall.console.testing.TestConsole;
import javafx.scene.Scene;
import javafx.scene.control.ComboBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The device settings in a real window, with this machine's real (often absent) devices. */
@ExtendWith(ApplicationExtension.class)
class SettingsIT {
    @TempDir
    static Path dir;
    private static CareCallServer server;
    private ConsoleConfig config;
    private Stage stage;

    /** Off the FX thread: a first start of the shared backend takes longer than TestFX waits for a window. */
    @BeforeAll
    static void backend() {
        server = SharedServer.get();
    }

    @Start
    void start(Stage stage) throws IOException {
        this.stage = stage;
        ConfigLocations files = TestConsole.locations(dir);
        Files.createDirectories(files.userFile().getParent());
        // A camera remembered from another day, unplugged now.
        Files.writeString(files.userFile(), "device.camera=Old USB camera\n");
        config = ConsoleConfig.load(CommandLine.empty(), null, files);
        SettingsViewModel model = new SettingsViewModel(config, Texts.of(Language.ENGLISH), language -> { });
        CareCallApi api = new CareCallApi(server.baseUri(), TlsTrust.sslContext(java.util.Optional.empty()));
        ConnectionTestViewModel test = new ConnectionTestViewModel(new ConnectivityCheck(api),
                server.doctorToken("demo-doctor"), Texts.of(Language.ENGLISH));
        Scene scene = new Scene(new SettingsView(model, new ConnectionTestView(test).root(), () -> { }).root(),
                1280, 800);
        scene.getStylesheets().add(dev.carecall.console.fx.Theme.stylesheet());
        stage.setScene(scene);
        stage.show();
        model.load();
    }

    @Test
    void listsDevicesKeepsTheRememberedOneAndSavesTheChoice(FxRobot fx) throws IOException {
        ConsoleRobot robot = new ConsoleRobot(fx);
        @SuppressWarnings("unchecked")
        ComboBox<String> cameras = fx.lookup("#cameraChoice").queryAs(ComboBox.class);
        Screens.waitUntil("the devices are listed", 20, () -> !cameras.getItems().isEmpty());
        List<String> expected = new java.util.ArrayList<>(List.of("System default"));
        expected.addAll(MediaDevices.cameras());
        if (!expected.contains("Old USB camera")) {
            expected.add("Old USB camera");
        }
        assertEquals(expected, Screens.onFx(() -> List.copyOf(cameras.getItems())));
        assertEquals("Old USB camera", Screens.onFx(cameras::getValue));
        if (MediaDevices.cameras().isEmpty()) {
            assertTrue(robot.text("#devicesWarning").contains("No camera was found"), robot.text("#devicesWarning"));
        }
        Screens.screenshot(stage.getScene(), "settings");

        Screens.onFx(() -> {
            cameras.getSelectionModel().select("System default");
            return null;
        });
        fx.clickOn("#saveSettingsButton");
        Screens.waitUntil("saving is confirmed", 10, () -> robot.text("#settingsStatus").startsWith("Saved."));
        assertTrue(config.device(ConfigKey.DEVICE_CAMERA).isEmpty());
        assertTrue(!Files.readString(TestConsole.locations(dir).userFile()).contains("device.camera"));
    }

    @Test
    void testConnectionShowsALineForEveryStepAndTheVerdict(FxRobot fx) {
        ConsoleRobot robot = new ConsoleRobot(fx);
        Screens.scroll(stage.getScene(), 1);
        fx.clickOn("#testConnectionButton");
        Screens.waitUntil("the test is done", 60, () -> robot.text("#connectionTestSummary").startsWith("All checks"));
        VBox lines = fx.lookup("#connectionTestLines").queryAs(VBox.class);
        List<String> texts = Screens.onFx(() -> lines.getChildren().stream()
                .map(line -> ((HBox) line).getChildren().stream().map(n -> ((Label) n).getText())
                        .collect(Collectors.joining(" ")))
                .toList());
        // Server, /api/info, WebSocket, STUN, TURN over UDP, TCP and TLS, media: the demo backend offers no ICE servers.
        assertEquals(8, texts.size(), String.join("\n", texts));
        assertTrue(texts.getFirst().startsWith("[ ok ] Server reachable at 127.0.0.1:"), texts.getFirst());
        assertTrue(texts.get(2).startsWith("[ ok ] WebSocket works at ws://127.0.0.1:"), texts.get(2));
        assertTrue(texts.get(3).startsWith("[skip] No STUN server is configured"), texts.get(3));
        Screens.scroll(stage.getScene(), 1);
        Screens.screenshot(stage.getScene(), "settings-connection-test");
    }
}
