package dev.carecall.console.appointments;

import dev.carecall.backend.CareCallServer;
import dev.carecall.backend.integration.Scope;
import dev.carecall.console.signaling.SignalingClient;
import dev.carecall.console.signaling.SignalingState;
import dev.carecall.console.testing.ConsoleRobot;
import dev.carecall.console.testing.ConsoleWindowIT;
import dev.carecall.console.testing.PatientSide;
import dev.carecall.console.testing.Screens;
import dev.carecall.protocol.ClientMessage;
import dev.carecall.protocol.RoomMessage;
import dev.carecall.protocol.ProtocolCodec;
import dev.carecall.protocol.rest.ApiError;
import javafx.scene.control.Button;
import javafx.scene.input.Clipboard;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The appointment list in the real window against the real backend, with the patient as a plain signaling socket
 * (the patient's token, {@code startCall}/{@code endCall}): the list follows without a refresh.
 */
class AppointmentListIT extends ConsoleWindowIT<SignalingClient<RoomMessage>> {
    @Test
    void startBecomesJoinTheMomentThePatientStarts(FxRobot fx) {
        ConsoleRobot robot = new ConsoleRobot(fx);
        long id = server.createAppointment("demo-doctor", "Lucia Ferreira", Instant.now().plus(10, ChronoUnit.MINUTES),
                true);
        robot.signIn("demo-password");
        Screens.waitUntil("the list shows Lucia Ferreira", 20, () -> robot.hasCard(id));
        assertEquals("Start Call", robot.callLabel(id));

        patient = new SignalingClient<>(SignalingClient.roomUri(server.webSocketBaseUri(), id),
                server.patientToken(id), null, RoomMessage.class, message -> { });
        patient.connect();
        PatientSide.await("the patient's socket registered", 20, () -> patient.state() == SignalingState.CONNECTED);
        assertTrue(patient.send(new ClientMessage.StartCall()));
        Screens.waitUntil("the button says Join Call", 20, () -> robot.callLabel(id).equals("Join Call"));
        assertEquals("Patient is waiting", robot.badge(id));
        Screens.screenshot(stage.getScene(), "appointments");

        assertTrue(patient.send(new ClientMessage.EndCall()));
        Screens.waitUntil("the badge says the call ended", 20, () -> robot.badge(id).equals("Call ended"));
        assertEquals("Start Call", robot.callLabel(id));
    }

    @Test
    void unpaidAppointmentSaysWhyAndJoinLinkIsCopied(FxRobot fx) {
        ConsoleRobot robot = new ConsoleRobot(fx);
        robot.signIn("demo-password");
        long unpaid = server.demo().unpaidAppointmentId();
        long paid = server.demo().paidAppointmentId();
        Screens.waitUntil("the list shows", 20, () -> robot.hasCard(unpaid) && robot.hasCard(paid));
        assertTrue(Screens.onFx(() -> robot.callButton(unpaid).isDisabled()));
        assertEquals("Not paid yet. A call can start once the appointment is paid.",
                Screens.onFx(() -> fx.from(robot.card(unpaid)).lookup(".blocked-reason").queryLabeled().getText()));
        assertTrue(Screens.onFx(() -> !robot.callButton(paid).isDisabled()));
        assertTrue(Screens.onFx(() -> fx.lookup("#sendLink-" + paid).queryButton().isDisabled()),
                "an appointment made by hand has no address to send the link to");

        fx.clickOn(fx.from(robot.card(paid)).lookup(".copy-link").queryButton());
        String copied = Screens.onFx(() -> Clipboard.getSystemClipboard().getString());
        assertTrue(copied.startsWith(server.baseUri() + "/join/" + paid + "?token="), copied);
        assertTrue(robot.text("#listInfo").endsWith("copied. Paste it into an e-mail or text message."));
    }

    @Test
    void sendANewLinkCopiesItAndTheOldLinkStopsWorking(FxRobot fx) throws Exception {
        ConsoleRobot robot = new ConsoleRobot(fx);
        long id = server.createAppointment("demo-doctor", "Henrik Larsen", Instant.now().plus(30, ChronoUnit.MINUTES),
                true);
        String oldLink = server.patientJoinUrl(id);
        robot.signIn("demo-password");
        Screens.waitUntil("the list shows Henrik Larsen", 20, () -> robot.hasCard(id));
        assertEquals("Send a new link", Screens.onFx(() -> newLinkButton(fx, robot, id).getText()));

        robot.reveal(id);
        fx.clickOn(newLinkButton(fx, robot, id));
        Screens.waitUntil("the list says a new link was copied", 20,
                () -> robot.text("#listInfo").startsWith("New join link for Henrik Larsen copied."));
        Screens.screenshot(stage.getScene(), "appointments-new-link");
        String newLink = Screens.onFx(() -> Clipboard.getSystemClipboard().getString());
        assertTrue(newLink.startsWith(server.baseUri() + "/join/" + id + "?token="), newLink);
        assertNotEquals(oldLink, newLink);

        // What the page asks the server when it opens each link.
        assertEquals("LINK_REPLACED", errorCode(pageRequest(id, oldLink)));
        assertEquals(200, pageRequest(id, newLink).statusCode());
        fx.clickOn(fx.from(robot.card(id)).lookup(".copy-link").queryButton());
        assertEquals(newLink, Screens.onFx(() -> Clipboard.getSystemClipboard().getString()),
                "Copy join link copies the new link too");
    }

    @Test
    void signOutEndsTheSignInOnTheServer(FxRobot fx) {
        ConsoleRobot robot = new ConsoleRobot(fx);
        robot.signIn("demo-password");
        Screens.waitUntil("the list shows", 20, () -> robot.hasCard(server.demo().paidAppointmentId()));
        long before = server.revokedTokenCount();
        fx.clickOn("#signOutButton");
        Screens.waitUntil("the server refuses the console's token", 20,
                () -> server.revokedTokenCount() == before + 1);
        Screens.waitUntil("the sign-in screen shows", 20, () -> robot.shows("#passwordField"));
    }

    private static Button newLinkButton(FxRobot fx, ConsoleRobot robot, long id) {
        return fx.from(robot.card(id)).lookup(".new-link").queryButton();
    }

    private static HttpResponse<String> pageRequest(long id, String link) throws Exception {
        String token = link.substring(link.indexOf("token=") + 6);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.baseUri().resolve("/api/appointments/"
                        + id)).header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String errorCode(HttpResponse<String> response) {
        return new ProtocolCodec().fromJson(response.body(), ApiError.class).error().code().name();
    }

    @Test
    void listSaysReconnectingWhileTheServerIsGone(FxRobot fx) {
        ConsoleRobot robot = new ConsoleRobot(fx);
        CareCallServer own = reopenAgainstOwnServer();
        robot.signIn("demo-password");
        Screens.waitUntil("the list shows", 20, () -> robot.hasCard(own.demo().paidAppointmentId()));
        assertTrue(robot.text("#liveStatus").isEmpty());
        own.close();
        Screens.waitUntil("the list says it is reconnecting", 30,
                () -> robot.text("#liveStatus").startsWith("Reconnecting..."));
    }

    @Test
    void theClinicsBookingArrivesLiveWithItsInvitationAndItsCancellation(FxRobot fx) throws Exception {
        ConsoleRobot robot = new ConsoleRobot(fx);
        String key = server.addServiceKey("console-" + System.nanoTime(), EnumSet.of(Scope.APPOINTMENTS_WRITE),
                null).key();
        robot.signIn("demo-password");
        Screens.waitUntil("the list shows", 20, () -> robot.hasCard(server.demo().paidAppointmentId()));

        String externalId = "console-" + System.nanoTime();
        HttpResponse<String> booked = integration(key, "POST", "/appointments", "{\"externalId\":\"" + externalId
                + "\",\"doctorUsername\":\"demo-doctor\",\"patientName\":\"Noah Becker\",\"scheduledAt\":\""
                + Instant.now().plus(20, ChronoUnit.MINUTES) + "\",\"paid\":true,\"email\":\"noah@example.org\"}");
        assertEquals(201, booked.statusCode(), booked.body());
        long id = Long.parseLong(booked.body().replaceAll("(?s)^\\{\"id\":(\\d+),.*$", "$1"));
        Screens.waitUntil("the booking appears without a refresh", 20, () -> robot.hasCard(id));
        Screens.waitUntil("its invitation went out", 30, () -> "Invitation sent".equals(robot.text("#invitation-" + id)));

        robot.reveal(id);
        fx.clickOn("#sendLink-" + id);
        Screens.waitUntil("the console says the link is on its way", 20,
                () -> robot.text("#listInfo").equals("The join link is on its way to Noah Becker."));
        Screens.waitUntil("the new invitation went out too", 30,
                () -> robot.hasCard(id) && "Invitation sent".equals(robot.text("#invitation-" + id)));
        Screens.screenshot(stage.getScene(), "appointments-invitation");

        assertEquals(200, integration(key, "POST", "/appointments/" + externalId + "/cancel", "").statusCode());
        Screens.waitUntil("the card says cancelled", 20, () -> robot.hasCard(id)
                && Screens.onFx(() -> fx.from(robot.card(id)).lookup(".chip.cancelled").tryQuery().isPresent()));
        assertTrue(Screens.onFx(() -> robot.callButton(id).isDisabled()), "no call for a cancelled appointment");
        assertEquals("The clinic cancelled this appointment.",
                Screens.onFx(() -> fx.from(robot.card(id)).lookup(".blocked-reason").queryLabeled().getText()));
        Screens.screenshot(stage.getScene(), "appointments-cancelled");
    }

    private static HttpResponse<String> integration(String key, String method, String path, String body)
            throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.baseUri()
                        .resolve("/api/integration/v1" + path))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
