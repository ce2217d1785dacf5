package dev.carecall.backend;

import dev.carecall.backend.ice.IceSettings;
import dev.carecall.backend.ice.TurnCredentials;
import dev.carecall.backend.ice.TurnSettings;
import dev.carecall.protocol.ClientMessage;
import dev.carecall.protocol.IceServer;
import dev.carecall.protocol.ServerMessage;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Minted TURN credentials reach each party in {@code registered}, and the shared secret they are made with reaches
 * nobody: not the answers, not the logs (every level, every logger, while the server starts, serves and stops).
 */
class TurnSecretIT {
    private static final String SECRET = "coturn-static-auth-secret-" + System.nanoTime();
    private static final List<String> URLS = List.of("turn:127.0.0.1:3478?transport=udp",
            "turns:127.0.0.1:5349?transport=tcp");

    @Test
    void everyRegisteredCarriesItsOwnTimeLimitedCredentialAndTheSecretIsNeverWrittenOrSent() throws Exception {
        List<String> logged = new CopyOnWriteArrayList<>();
        Logger root = Logger.getLogger("");
        Level before = root.getLevel();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record.getLoggerName() + " " + record.getMessage() + " " + List.of(
                        record.getParameters() == null ? new Object[0] : record.getParameters())
                        + (record.getThrown() == null ? "" : " " + record.getThrown()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        capture.setLevel(Level.ALL);
        root.addHandler(capture);
        root.setLevel(Level.ALL);
        List<String> answers = new CopyOnWriteArrayList<>();
        try (CareCallServer server = CareCallServer.start(BackendSettings.forTests()
                .with(new IceSettings(List.of(), new TurnSettings(URLS, SECRET, Duration.ofHours(4)))))) {
            long id = server.demo().paidAppointmentId();
            Instant before4h = Instant.now().plus(Duration.ofHours(4));
            try (SocketClient patient = registering(server, id, server.patientToken(id));
                 SocketClient doctor = registering(server, id, server.doctorToken("demo-doctor"))) {
                ServerMessage.Registered p = patient.expect(ServerMessage.Registered.class);
                ServerMessage.Registered d = doctor.expect(ServerMessage.Registered.class);
                answers.add(p.toString());
                answers.add(d.toString());
                IceServer turn = p.iceServers().getLast();
                assertEquals(URLS, turn.urls());
                String[] user = turn.username().split(":", 2);
                assertEquals("patient-" + id, user[1]);
                long expiry = Long.parseLong(user[0]);
                assertTrue(Math.abs(expiry - before4h.getEpochSecond()) < 60, "expires in four hours: " + expiry);
                assertEquals(TurnCredentials.password(SECRET, turn.username()), turn.credential());
                assertEquals("doctor-" + id, d.iceServers().getLast().username().split(":", 2)[1]);
                patient.send(new ClientMessage.StartCall());
                answers.add(patient.next().toString());
            }
            HttpResponse<String> info = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    server.baseUri().resolve("/api/info")).build(), HttpResponse.BodyHandlers.ofString());
            answers.add(info.body());
        } finally {
            root.removeHandler(capture);
            root.setLevel(before);
        }
        assertFalse(logged.isEmpty(), "the capture saw the server's log");
        for (String line : logged) {
            assertFalse(line.contains(SECRET), "the TURN secret was logged: " + line);
        }
        for (String answer : answers) {
            assertFalse(answer.contains(SECRET), "the TURN secret was sent: " + answer);
        }
    }

    private static SocketClient registering(CareCallServer server, long appointmentId, String token) {
        SocketClient client = SocketClient.connect(server.webSocketBaseUri().resolve("/ws/appointments/"
                + appointmentId));
        client.send(new ClientMessage.Register(token));
        return client;
    }
}
