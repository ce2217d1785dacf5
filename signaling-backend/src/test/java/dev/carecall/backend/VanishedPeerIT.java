package dev.carecall.backend;

import dev.carecall.protocol.CallEvent;
import dev.carecall.protocol.CallStatus;
import dev.carecall.protocol.ClientMessage;
import dev.carecall.protocol.ProtocolCodec;
import dev.carecall.protocol.Role;
import dev.carecall.protocol.ServerMessage;
import dev.carecall.protocol.rest.CallEventView;
import dev.carecall.protocol.rest.CallSessionView;
import dev.carecall.protocol.rest.CallStatusView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A patient whose TCP connection goes silent mid-call (no close frame, no FIN, no reset: Wi-Fi gone, a NAT that
 * forgot the connection) is noticed by the server's pings with the default settings, and the doctor is told within
 * 10 seconds. The patient's socket runs through a raw TCP proxy that stops forwarding.
 */
class VanishedPeerIT {
    private static final ProtocolCodec CODEC = new ProtocolCodec();
    @RegisterExtension
    static final TestBackend BACKEND = TestBackend.withDefaults();
    private final CareCallServer server = BACKEND.server();

    @Test
    void aPatientWhoseLineWentSilentIsGoneForTheDoctorWithinTenSeconds() throws Exception {
        long id = server.createAppointment("demo-doctor", "Ines Moreau", Instant.now(), true);
        URI ws = server.webSocketBaseUri();
        String doctorToken = server.doctorToken("demo-doctor");
        try (SocketClient doctor = SocketClient.room(server, id, doctorToken);
             SilenceableProxy line = new SilenceableProxy(new InetSocketAddress(ws.getHost(), ws.getPort()))) {
            SocketClient patient = SocketClient.connect(
                    URI.create("ws://127.0.0.1:" + line.port() + "/ws/appointments/" + id));
            patient.send(new ClientMessage.Register(server.patientToken(id)));
            patient.expect(ServerMessage.Registered.class);
            assertEquals(new ServerMessage.PeerPresence(Role.PATIENT, true),
                    doctor.expect(ServerMessage.PeerPresence.class));
            doctor.send(new ClientMessage.StartCall());
            doctor.expect(ServerMessage.ActiveCall.class);
            patient.expect(ServerMessage.ActiveCall.class);
            patient.send(new ClientMessage.JoinCall());
            doctor.expect(ServerMessage.JoinerConnected.class);
            assertTrue(status(id, doctorToken).patientConnected());

            long silentAt = System.nanoTime();
            line.goSilent();
            // SocketClient waits at most 10 seconds for the next message: the bound.
            assertEquals(new ServerMessage.PeerPresence(Role.PATIENT, false),
                    doctor.expect(ServerMessage.PeerPresence.class), "the doctor learns the patient is gone");
            System.out.printf("vanished patient noticed %d ms after the line went silent%n",
                    (System.nanoTime() - silentAt) / 1_000_000);

            CallStatusView after = status(id, doctorToken);
            assertEquals(CallStatus.ACTIVE, after.callStatus(), "the call waits for the patient to come back");
            assertTrue(after.doctorConnected());
            assertFalse(after.patientConnected(), "call-status no longer says both are connected");
            CallSessionView session = history(id, doctorToken).getFirst();
            List<CallEvent> events = session.events().stream().map(CallEventView::event).toList();
            assertEquals(CallEvent.DISCONNECTED, events.getLast(), events.toString());
            patient.close();
        }
    }

    private CallStatusView status(long id, String token) throws IOException, InterruptedException {
        return CODEC.fromJson(get("/api/appointments/" + id + "/call-status", token), CallStatusView.class);
    }

    private List<CallSessionView> history(long id, String token) throws IOException, InterruptedException {
        return CODEC.listFromJson(get("/api/appointments/" + id + "/call-history", token), CallSessionView.class);
    }

    private String get(String path, String token) throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.baseUri().resolve(path))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), response.body());
            return response.body();
        }
    }
}
