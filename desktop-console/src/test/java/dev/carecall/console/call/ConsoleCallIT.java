package dev.carecall.console.call;

import dev.carecall.backend.CareCallServer;
import dev.carecall.console.fx.VideoSurface;
import dev.carecall.console.media.MediaDevices;
import dev.carecall.console.testing.ConsoleRobot;
import dev.carecall.console.testing.ConsoleWindowIT;
import dev.carecall.console.testing.PatientSide;
import dev.carecall.console.testing.Screens;
import dev.carecall.console.testing.TestConsole;
import javafx.scene.control.ListView;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

import java.time.Instant;
import java.util.List;
import java.time.temporal.ChronoUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The doctor's whole call in the real window against the real backend, with a real patient-side call engine
 * (synthetic camera): the list, the Start/Join flip, the call with mic, camera, chat, and hanging up.
 */
class ConsoleCallIT extends ConsoleWindowIT<PatientSide> {
    @Test
    void doctorJoinsThePatientsCallTalksAndHangsUp(FxRobot fx) {
        ConsoleRobot robot = new ConsoleRobot(fx);
        long id = server.createAppointment("demo-doctor", "Maria Silva", Instant.now().plus(5, ChronoUnit.MINUTES),
                true);
        Screens.waitUntil("the sign-in screen reached the server", 20,
                () -> robot.text("#serverStatus").equals("Connected to " + server.baseUri().getAuthority()));
        Screens.screenshot(stage.getScene(), "sign-in");
        robot.signIn("demo-password");

        Screens.waitUntil("the list shows Maria Silva", 20, () -> robot.hasCard(id));
        assertEquals("Start Call", robot.callLabel(id));
        assertEquals("Not started", robot.badge(id));
        long unpaid = server.demo().unpaidAppointmentId();
        assertTrue(Screens.onFx(() -> robot.callButton(unpaid).isDisabled()), "unpaid appointment cannot call");
        assertTrue(Screens.onFx(() -> fx.from(robot.card(unpaid)).lookup(".blocked-reason")
                .queryLabeled().getText()).startsWith("Not paid yet."));

        // The patient starts first: the doctor's button must flip without a refresh.
        patient = new PatientSide(server.webSocketBaseUri(), id, server.patientToken(id));
        PatientSide.await("the patient registered", 20, () -> patient.phase() == CallPhase.READY);
        patient.engine().startCall();
        Screens.waitUntil("the button says Join Call", 20, () -> robot.callLabel(id).equals("Join Call"));
        assertEquals("Patient is waiting", robot.badge(id));
        Screens.screenshot(stage.getScene(), "appointments");

        fx.clickOn(robot.callButton(id));
        Screens.waitUntil("the call connects", 30, () -> robot.text("#phaseLabel").equals("Connected"));
        assertEquals("Video consultation with Maria Silva", robot.text("#callTitle"));
        VideoSurface remote = fx.lookup("#remoteVideo").queryAs(VideoSurface.class);
        Screens.waitUntil("the patient's video plays", 30, () -> remote.framesShownProperty().get() > 10);
        long shown = Screens.onFx(() -> remote.framesShownProperty().get());
        Screens.waitUntil("the patient's video keeps playing", 30, () -> remote.framesShownProperty().get() > shown);

        fx.clickOn("#micButton");
        assertEquals("Microphone off · Unmute", robot.text("#micButton"));
        assertTrue(robot.shows("#selfMutedLabel"));
        PatientSide.await("the patient is told the doctor muted", 20, () -> Boolean.FALSE.equals(patient.doctorAudio()));
        fx.clickOn("#cameraButton");
        assertEquals("Camera off · Turn on", robot.text("#cameraButton"));
        PatientSide.await("the patient is told the camera is off", 20,
                () -> Boolean.FALSE.equals(patient.doctorVideo()));

        fx.clickOn("#shareButton");
        PatientSide.await("the patient is told the doctor shares the screen", 20,
                () -> Boolean.TRUE.equals(patient.doctorSharing()));
        assertEquals("Stop sharing screen", robot.text("#shareButton"));
        fx.clickOn("#shareButton");
        PatientSide.await("the patient is told the sharing stopped", 20,
                () -> Boolean.FALSE.equals(patient.doctorSharing()));
        assertEquals("Share screen", robot.text("#shareButton"));

        patient.engine().setCameraEnabled(false);
        Screens.waitUntil("the doctor sees the patient's camera is off", 20,
                () -> robot.text("#remoteMediaLabel").contains("Maria Silva has turned their camera off"));

        fx.clickOn("#chatField").write("Hello Maria, can you hear me?");
        fx.clickOn("#chatSendButton");
        PatientSide.await("the patient got the chat line", 20, () -> patient.received("Hello Maria, can you hear me?"));
        patient.engine().sendChat("Yes, I can hear you.");
        ListView<?> chat = fx.lookup("#chatList").queryAs(ListView.class);
        Screens.waitUntil("both chat lines show", 20, () -> chat.getItems().size() == 2);
        assertTrue(Screens.onFx(() -> fx.from(chat).lookup(".chat-text").queryAll().stream()
                .anyMatch(node -> ((javafx.scene.control.Labeled) node).getText().equals("Yes, I can hear you."))));
        fx.clickOn("#micButton");
        assertEquals("Mute microphone", robot.text("#micButton"));
        patient.engine().setCameraEnabled(true);
        Screens.waitUntil("the patient's camera notice goes away", 20, () -> robot.text("#remoteMediaLabel").isEmpty());
        patient.engine().setMicrophoneEnabled(false);
        Screens.waitUntil("the doctor sees the patient muted", 20,
                () -> robot.text("#remoteMediaLabel").equals("Maria Silva has muted their microphone."));
        Screens.waitUntil("the timer runs", 20, () -> !robot.text("#timerLabel").equals("00:00"));
        // The picture comes back some frames after the patient's camera is on again; photograph it then, not before.
        long beforeShot = Screens.onFx(() -> remote.framesShownProperty().get());
        Screens.waitUntil("the patient's video plays again", 30,
                () -> remote.framesShownProperty().get() > beforeShot + 15);
        Screens.screenshot(stage.getScene(), "call");

        // Live quality: measured once a second with the patient's report; the indicator opens figures and chart.
        Screens.waitUntil("the quality indicator shows a level", 30,
                () -> robot.text("#qualityIndicator").matches("Connection: (good|fair|poor)"));
        fx.clickOn("#qualityIndicator");
        Screens.waitUntil("the figures of both directions", 20,
                () -> robot.text("#qualitySending").startsWith("You send ")
                        && robot.text("#qualityReceiving").startsWith("You receive ")
                        && !robot.text("#qualitySending").startsWith("You send –"));
        Screens.screenshot(stage.getScene(), "call-quality");
        fx.clickOn("#qualityClose");

        fx.clickOn("#endCallButton");
        Screens.waitUntil("the doctor is back at the list", 20, () -> robot.hasCard(id));
        Screens.waitUntil("the badge says the call ended", 20, () -> robot.badge(id).equals("Call ended"));
        assertEquals("Start Call", robot.callLabel(id));
        PatientSide.await("the patient's call ended", 20, () -> patient.saw(CallPhase.ENDED));

        // The card now leads to the call's history: who came and went, the screen share, the chat, how it ended.
        fx.clickOn("#history-" + id);
        Screens.waitUntil("the history shows the call", 20, () -> robot.texts(".chat-text").size() == 2);
        assertEquals("Call history · Maria Silva", robot.text("#historyTitle"));
        List<String> timeline = robot.texts(".timeline-line");
        assertEquals("Maria Silva started the call.", timeline.getFirst(), timeline.toString());
        assertTrue(timeline.containsAll(List.of("You joined.", "You shared your screen.",
                "You stopped sharing your screen.")), timeline.toString());
        assertEquals("You ended the call.", timeline.getLast(), timeline.toString());
        assertEquals(List.of("Hello Maria, can you hear me?", "Yes, I can hear you."), robot.texts(".chat-text"));
        // The doctor's quality reports reached the server during the call (the figures above), so the history's
        // quality summary has a side's figures after the reconnects and breaks.
        List<String> quality = robot.texts(".quality-label");
        assertEquals(List.of("Reconnects", "Breaks in picture and sound"), quality.subList(0, 2), quality.toString());
        assertTrue(quality.contains("Round trip (median / worst)") && quality.contains("Time at poor quality"),
                quality.toString());
        Screens.screenshot(stage.getScene(), "history-after-call");
        fx.clickOn("#historyBack");
        Screens.waitUntil("back at the list", 20, () -> robot.hasCard(id));
    }

    /** Also runs the doctor's side with this machine's real devices: on a machine without a camera it still works. */
    @Test
    void doctorStartsThePatientJoinsAndThePatientHangsUp(FxRobot fx) {
        ConsoleRobot robot = new ConsoleRobot(fx);
        Screens.onFx(() -> {
            shell.close();
            shell = TestConsole.openWithRealDevices(stage, dir, "--server=" + server.baseUri(),
                    "--username=demo-doctor");
            return null;
        });
        long id = server.createAppointment("demo-doctor", "John Okafor", Instant.now().plus(1, ChronoUnit.HOURS),
                true);
        robot.signIn("demo-password");
        Screens.waitUntil("the list shows John Okafor", 20, () -> robot.hasCard(id));
        patient = new PatientSide(server.webSocketBaseUri(), id, server.patientToken(id));
        PatientSide.await("the patient registered", 20, () -> patient.phase() == CallPhase.READY);

        fx.clickOn(robot.callButton(id));
        Screens.waitUntil("the doctor waits for the patient", 20,
                () -> robot.text("#phaseLabel").equals("Waiting for John Okafor to join..."));
        PatientSide.await("the patient sees the incoming call", 20, () -> patient.phase() == CallPhase.INCOMING);
        patient.engine().joinCall();
        Screens.waitUntil("the call connects", 30, () -> robot.text("#phaseLabel").equals("Connected"));
        VideoSurface remote = fx.lookup("#remoteVideo").queryAs(VideoSurface.class);
        Screens.waitUntil("the patient's video plays", 30, () -> remote.framesShownProperty().get() > 5);
        if (MediaDevices.cameras().isEmpty()) {
            assertTrue(robot.text("#noticeLabel").contains("No camera was found"), robot.text("#noticeLabel"));
            Screens.screenshot(stage.getScene(), "call-without-camera");
        }

        patient.engine().endCall();
        Screens.waitUntil("the doctor is back at the list", 20, () -> robot.hasCard(id));
        Screens.waitUntil("the badge says the call ended", 20, () -> robot.badge(id).equals("Call ended"));
        assertFalse(robot.shows("#endCallButton"));
    }

    @Test
    void callSaysReconnectingWhileSignalingIsDown(FxRobot fx) {
        ConsoleRobot robot = new ConsoleRobot(fx);
        CareCallServer own = reopenAgainstOwnServer();
        long id = own.demo().paidAppointmentId();
        robot.signIn("demo-password");
        Screens.waitUntil("the list shows", 20, () -> robot.hasCard(id));
        patient = new PatientSide(own.webSocketBaseUri(), id, own.patientToken(id));
        PatientSide.await("the patient registered", 20, () -> patient.phase() == CallPhase.READY);
        fx.clickOn(robot.callButton(id));
        PatientSide.await("the patient sees the incoming call", 20, () -> patient.phase() == CallPhase.INCOMING);
        patient.engine().joinCall();
        Screens.waitUntil("the call connects", 30, () -> robot.text("#phaseLabel").equals("Connected"));
        assertFalse(robot.shows("#signalingBanner"));

        own.close();
        Screens.waitUntil("the call says it is reconnecting", 30,
                () -> robot.text("#signalingBanner").startsWith("Reconnecting..."));
        assertTrue(robot.shows("#signalingBanner"));
        Screens.screenshot(stage.getScene(), "call-reconnecting");
    }
}
