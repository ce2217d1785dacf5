package dev.carecall.e2e;

import dev.carecall.backend.CareCallServer;
import dev.carecall.console.ConsoleShell;
import dev.carecall.console.api.CareCallApi;
import dev.carecall.console.api.DoctorSession;
import dev.carecall.console.call.CallPhase;
import dev.carecall.console.config.CommandLine;
import dev.carecall.console.config.ConfigLocations;
import dev.carecall.console.config.ConsoleConfig;
import dev.carecall.console.media.MediaSettings;
import dev.carecall.e2e.browser.Browser;
import dev.carecall.e2e.browser.BrowserOptions;
import dev.carecall.e2e.browser.PatientBrowser;
import dev.carecall.protocol.CallEndReason;
import dev.carecall.protocol.CallEvent;
import dev.carecall.protocol.ClientKind;
import dev.carecall.protocol.Role;
import dev.carecall.protocol.rest.CallEventView;
import dev.carecall.protocol.rest.CallSessionView;
import dev.carecall.protocol.rest.ChatLineView;
import dev.carecall.protocol.rest.QualityFigures;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Labeled;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import javax.net.ssl.SSLContext;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import static dev.carecall.e2e.Consultation.awaitMediaBothWays;
import static dev.carecall.e2e.Consultation.newAppointment;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A consultation between the page in Chromium and the console's call engine with chat both ways, a dropped room
 * socket that comes back and a reload of the page (which shows the chat so far again), then its history: through
 * {@code GET /api/appointments/{id}/call-history} and in the console's own history view (the real
 * {@link ConsoleShell} under the display the test run has), photographed beside this module's other screenshots as
 * {@code console-history.png}.
 */
class CallHistoryIT {

    @RegisterExtension
    static final Backend backend = new Backend();
    private static PatientBrowser page;
    @TempDir
    static Path dir;

    @BeforeAll
    static void launch() {
        page = Browser.CHROMIUM.launch(BrowserOptions.desktop());
    }

    @AfterAll
    static void quit() {
        if (page != null) {
            page.close();
        }
    }

    @Test
    void theHistoryShowsTimelineQualityAndTranscriptOfACallWithAReconnectAndChat() throws Exception {
        CareCallServer server = backend.server();
        long id = newAppointment(server);
        page.resize(BrowserOptions.DESKTOP);
        try (DoctorSide doctor = Consultation.doctor(server, id)) {
            page.open(server.patientJoinUrl(id));
            assertEquals("Start Call", page.until(page::enabledPrimary));
            page.click("primary-action");
            doctor.awaitPhase(CallPhase.INCOMING);
            doctor.engine.joinCall();
            awaitMediaBothWays(page, doctor, "history");

            page.click("toggle-chat");
            page.until(() -> "chat-input".equals(page.focusedId()), () -> "focus in the chat's input");
            page.keys("Good morning, my knee still hurts.\n");
            doctor.await(() -> doctor.chat().contains("patient: Good morning, my knee still hurts."),
                    "the patient's chat line");
            doctor.engine.sendChat("Please bend it slowly in front of the camera.");
            page.until(() -> page.text("chat-lines").contains("Please bend it slowly in front of the camera."));

            // The page's room socket drops and comes back by itself; the call carries on.
            page.script("window.carecall.dropSignaling();");
            page.until(() -> "reconnecting".equals(page.state().get("signaling")));
            page.until(() -> "registered".equals(page.state().get("signaling")));
            doctor.await(doctor::patientPresent, "the patient is back in the room");
            page.click("chat-input");
            page.keys("Like this?\n");
            doctor.await(() -> doctor.chat().contains("patient: Like this?"), "the line after the reconnect");

            // A reload during the call: the page comes back with the chat so far, each line once, in order.
            page.reload();
            assertEquals("Join Call", page.until(() -> "Join Call".equals(page.enabledPrimary()) ? "Join Call" : null));
            page.click("primary-action");
            awaitMediaBothWays(page, doctor, "history after the reload");
            page.click("toggle-chat");
            page.until(() -> page.text("chat-lines").contains("Like this?"), () -> "the transcript after the reload");
            assertEquals(List.of("Good morning, my knee still hurts.", "Please bend it slowly in front of the camera.",
                    "Like this?"), chatTexts(), "the chat so far, once each, oldest first");
            page.screenshot("chat-after-reload");
            // Both sides reported the selected candidate pair by now (a report a second once the media flow).
            doctor.engine.sendChat("Thank you, that is enough.");
            page.until(() -> page.text("chat-lines").contains("Thank you, that is enough."));

            doctor.engine.endCall();
            page.until(() -> page.visibleText("notice-text").contains("ended the consultation at"));
        }

        // The REST endpoint: the same call, with its timeline, quality and transcript.
        CallSessionView call = backend.doctorRest().callHistory(id).getFirst();
        assertEquals(CallEndReason.HANGUP, call.endReason());
        assertEquals(Role.DOCTOR, call.endedBy());
        assertEquals(List.of("patient: Good morning, my knee still hurts.",
                        "doctor: Please bend it slowly in front of the camera.", "patient: Like this?",
                        "doctor: Thank you, that is enough."),
                call.transcript().stream().map(CallHistoryIT::line).toList());
        List<CallEvent> timeline = call.timeline().stream().map(CallEventView::event).toList();
        assertEquals(CallEvent.START_CALL, timeline.getFirst(), timeline.toString());
        assertEquals(CallEvent.END_CALL, timeline.getLast(), timeline.toString());
        assertTrue(timeline.contains(CallEvent.JOIN_CALL), timeline.toString());
        // The server saw the socket go and a new one register, or the new one replace the old one first.
        assertTrue(timeline.contains(CallEvent.CONNECTED) || timeline.contains(CallEvent.RECONNECTED),
                timeline.toString());
        assertTrue(call.quality().reconnects() >= 1, "the dropped socket's return: " + call.quality());
        QualityFigures patientSide = call.quality().patient();
        QualityFigures doctorSide = call.quality().doctor();
        assertEquals(ClientKind.BROWSER, patientSide.client(), call.quality().toString());
        assertEquals(ClientKind.CONSOLE, doctorSide.client(), call.quality().toString());
        assertNotNull(patientSide.localCandidate(), "the page's selected pair: " + patientSide);
        assertNotNull(patientSide.remoteCandidate(), "the page's selected pair: " + patientSide);
        assertNotNull(doctorSide.localCandidate(), "the engine's selected pair: " + doctorSide);
        assertNotNull(doctorSide.remoteCandidate(), "the engine's selected pair: " + doctorSide);
        System.out.printf("[history] timeline %s; quality %s; %d chat lines%n", timeline, call.quality(),
                call.transcript().size());

        // The console's history view of the same appointment.
        startFx();
        // The console's words in English whatever this machine's language, as its own window tests run.
        Files.writeString(dir.resolve("user.properties"), "ui.language=en\n");
        CareCallApi api = new CareCallApi(server.baseUri(), SSLContext.getDefault());
        DoctorSession session = new DoctorSession(api, api.info(), api.login("demo-doctor", "demo-password"));
        Stage stage = onFx(() -> {
            Stage window = new Stage();
            ConsoleConfig config = ConsoleConfig.load(CommandLine.parse("--server=" + server.baseUri()), null,
                    new ConfigLocations(dir.resolve("user.properties"), dir.resolve("machine.properties")));
            ConsoleShell shell = new ConsoleShell(window, config, MediaSettings::synthetic);
            shell.start();
            shell.showHistory(session, id, "Maria Silva");
            return window;
        });
        try {
            Awaitility.await("the history view shows the call").atMost(Duration.ofSeconds(90))
                    .until(() -> onFx(() -> texts(stage.getScene(), ".chat-text")).size() == 4);
            List<String> lines = onFx(() -> texts(stage.getScene(), ".timeline-line"));
            assertEquals("Maria Silva started the call.", lines.getFirst(), lines.toString());
            assertTrue(lines.contains("You joined."), lines.toString());
            assertTrue(lines.contains("Maria Silva connected.") || lines.contains("Maria Silva reconnected."),
                    lines.toString());
            assertEquals("You ended the call.", lines.getLast(), lines.toString());
            assertEquals(List.of("Good morning, my knee still hurts.", "Please bend it slowly in front of the camera.",
                    "Like this?", "Thank you, that is enough."), onFx(() -> texts(stage.getScene(), ".chat-text")));
            List<String> quality = onFx(() -> texts(stage.getScene(), ".quality-label"));
            assertEquals(List.of("Reconnects", "Breaks in picture and sound"), quality.subList(0, 2));
            assertEquals(String.valueOf(call.quality().reconnects()),
                    onFx(() -> texts(stage.getScene(), ".quality-value")).getFirst());
            assertEquals(List.of("As your console measured it", "As Maria Silva's browser measured it"),
                    onFx(() -> texts(stage.getScene(), ".quality-side")), "who measured each side");
            List<String> values = onFx(() -> texts(stage.getScene(), ".quality-value"));
            String connection = "(Direct|Through a relay server) \\(\\w+ ↔ \\w+\\)";
            assertEquals(2, values.stream().filter(v -> v.matches(connection)).count(),
                    "each side's connection: " + values);
            assertTrue(quality.contains("Round trip (median / worst)") || quality.contains("Too short to measure"),
                    quality.toString());
            Path shot = screenshot(stage.getScene(), "console-history");
            System.out.println("[history] the console's history view: " + shot.toAbsolutePath().normalize());
        } finally {
            onFx(() -> {
                stage.close();
                return null;
            });
        }
    }

    /** The page's chat lines' words, in the order it shows them. */
    @SuppressWarnings("unchecked")
    private static List<String> chatTexts() {
        return (List<String>) page.script("return [...document.querySelectorAll('#chat-lines li:not(.note) span')]"
                + ".map((e) => e.textContent);");
    }

    private static String line(ChatLineView line) {
        return line.from().wireName() + ": " + line.text();
    }

    /** The texts of the labels of this style class that are shown, in order (FX thread). */
    private static List<String> texts(Scene scene, String query) {
        return scene.getRoot().lookupAll(query).stream().filter(Node::isVisible)
                .map(node -> ((Labeled) node).getText()).toList();
    }

    /** Starts the JavaFX toolkit once for this JVM (another test may have started it already). */
    private static void startFx() throws Exception {
        // Software rendering, as the console's window tests use: the test display has no OpenGL.
        System.setProperty("prism.order", "sw");
        CompletableFuture<Void> started = new CompletableFuture<>();
        try {
            Platform.startup(() -> started.complete(null));
        } catch (IllegalStateException alreadyRunning) {
            started.complete(null);
        }
        Platform.setImplicitExit(false);
        started.get(90, TimeUnit.SECONDS);
    }

    private static <T> T onFx(Callable<T> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(action.call());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        });
        // Generous: on a loaded two-core machine the FX thread may wait long for its first turn.
        return result.get(90, TimeUnit.SECONDS);
    }

    /** The scene as a PNG beside the page's screenshots, as the waiting room's console pictures are (no javafx-swing). */
    private static Path screenshot(Scene scene, String name) throws Exception {
        WritableImage image = onFx(() -> scene.snapshot(null));
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        BufferedImage png = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        PixelReader pixels = image.getPixelReader();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                png.setRGB(x, y, pixels.getArgb(x, y));
            }
        }
        Path file = PatientBrowser.SCREENSHOTS.resolve(name + ".png");
        try {
            Files.createDirectories(file.getParent());
            ImageIO.write(png, "png", file.toFile());
        } catch (IOException e) {
            throw new AssertionError("cannot write " + file, e);
        }
        return file;
    }
}
