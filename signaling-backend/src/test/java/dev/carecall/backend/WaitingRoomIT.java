package dev.carecall.backend;

import dev.carecall.protocol.CallEndReason;
import dev.carecall.protocol.CallStatus;
import dev.carecall.protocol.ClientMessage;
import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.ProtocolCodec;
import dev.carecall.protocol.Readiness;
import dev.carecall.protocol.ServerMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The waiting room over real sockets: the patient's check reaches the doctor's lobby, messages and a decline reach
 * the patient, and both survive a reload of the page. */
class WaitingRoomIT {
    private static final ProtocolCodec CODEC = new ProtocolCodec();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    @RegisterExtension
    static final TestBackend BACKEND = TestBackend.withDefaults();
    private final CareCallServer server = BACKEND.server();

    private static Readiness readiness() {
        return new Readiness(new Readiness.Camera(Readiness.DeviceStatus.OK, true),
                new Readiness.Microphone(Readiness.DeviceStatus.OK, true),
                new Readiness.Speaker(Readiness.SpeakerStatus.HEARD), "Chrome 131", "Linux desktop",
                new Readiness.NetworkProbe(List.of(Readiness.CandidateType.HOST, Readiness.CandidateType.RELAY),
                        40, 2000));
    }

    @Test
    void theDoctorSeesTheCheckWritesToTheWaitingPatientAndDeclinesWithAReason() throws Exception {
        long id = server.createAppointment("demo-doctor", "Greta Lindqvist", Instant.now(), true);
        String doctorToken = server.doctorToken("demo-doctor");
        String path = "/api/appointments/" + id;
        try (SocketClient lobby = SocketClient.connect(server.webSocketBaseUri().resolve("/ws/lobby"))) {
            lobby.send(new ClientMessage.Register(doctorToken));
            lobby.expect(ServerMessage.Registered.class);
            try (SocketClient patient = SocketClient.room(server, id, server.patientToken(id))) {
                patient.send(new ClientMessage.ReadinessReport(readiness()));
                ServerMessage.PatientReadiness seen = lobby.await(ServerMessage.PatientReadiness.class);
                assertEquals(id, seen.appointmentId());
                assertEquals(readiness(), seen.readiness());

                // Nobody waits yet: nothing to write to.
                assertError(post(path + "/waiting-message", doctorToken, "{\"text\":\"Soon\"}"), 409,
                        ErrorCode.NO_ACTIVE_CALL);
                patient.send(new ClientMessage.StartCall());
                long session = patient.expect(ServerMessage.ActiveCall.class).sessionId();
                // The knock brings the stored check along, so a list that missed it still shows it.
                assertEquals(readiness(), lobby.await(ServerMessage.PatientReadiness.class).readiness());

                assertEquals(204, post(path + "/waiting-message", doctorToken,
                        "{\"text\":\"  I'm running 5 minutes late.  \"}").statusCode());
                ServerMessage.WaitingMessage note = patient.expect(ServerMessage.WaitingMessage.class);
                assertEquals("I'm running 5 minutes late.", note.text());
                assertEquals(session, note.sessionId());

                assertError(post(path + "/waiting-message", doctorToken, "{\"text\":\"   \"}"), 400,
                        ErrorCode.BAD_REQUEST);
                assertError(post(path + "/waiting-message", doctorToken, "{\"text\":\"" + "x".repeat(501) + "\"}"),
                        400, ErrorCode.BAD_REQUEST);
                assertError(post(path + "/decline", doctorToken, "{}"), 400, ErrorCode.BAD_REQUEST);
                assertError(post(path + "/decline", server.patientToken(id), "{\"reason\":\"no\"}"), 403,
                        ErrorCode.FORBIDDEN);
                patient.assertNothingElseThenPong();
            }
            // A reload while waiting: the messages come again, in order.
            try (SocketClient reloaded = SocketClient.room(server, id, server.patientToken(id))) {
                reloaded.expect(ServerMessage.ActiveCall.class);
                assertEquals("I'm running 5 minutes late.", reloaded.expect(ServerMessage.WaitingMessage.class).text());

                HttpResponse<String> declined = post(path + "/decline", doctorToken,
                        "{\"reason\":\"An emergency came in; the practice will call you.\"}");
                assertEquals(200, declined.statusCode(), declined.body());
                assertEquals("An emergency came in; the practice will call you.",
                        reloaded.expect(ServerMessage.CallDeclined.class).reason());
                ServerMessage.CallEnded ended = reloaded.expect(ServerMessage.CallEnded.class);
                assertEquals(CallEndReason.DECLINED, ended.reason());
                assertEquals(CallStatus.ENDED, server.store().findAppointment(id).orElseThrow().callStatus());
            }
            // After the decline, a reload still says why.
            try (SocketClient again = SocketClient.room(server, id, server.patientToken(id))) {
                assertEquals("An emergency came in; the practice will call you.",
                        again.expect(ServerMessage.CallDeclined.class).reason());
                again.assertNothingElseThenPong();
            }
        }
    }

    @Test
    void onlyThePatientSendsACheckAndABadOneIsATypedError() {
        long id = server.createAppointment("demo-doctor", "Ivo Petrov", Instant.now(), true);
        try (SocketClient doctor = SocketClient.room(server, id, server.doctorToken("demo-doctor"))) {
            doctor.send(new ClientMessage.ReadinessReport(readiness(), "r-1"));
            ServerMessage.Error refused = doctor.expect(ServerMessage.Error.class);
            assertEquals(ErrorCode.FORBIDDEN, refused.code());
            assertEquals("r-1", refused.requestId());
        }
        try (SocketClient patient = SocketClient.room(server, id, server.patientToken(id))) {
            patient.sendText("{\"type\":\"readiness\",\"requestId\":\"r-2\",\"readiness\":{\"camera\":{\"status\":"
                    + "\"great\",\"framesSeen\":true}}}");
            ServerMessage.Error bad = patient.expect(ServerMessage.Error.class);
            assertEquals(ErrorCode.INVALID_FIELD, bad.code());
            assertEquals("r-2", bad.requestId());
            assertTrue(server.store().waitingRoom().readiness(id).isEmpty());
        }
    }

    @Test
    void theUplinkProbeTakesBytesAndKeepsNothing() throws Exception {
        long id = server.createAppointment("demo-doctor", "Noor Bakker", Instant.now(), true);
        HttpResponse<String> probe = HTTP.send(request("/api/appointments/" + id + "/uplink-probe",
                server.patientToken(id)).POST(HttpRequest.BodyPublishers.ofByteArray(new byte[15_000])).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(204, probe.statusCode());
        assertError(HTTP.send(request("/api/appointments/" + id + "/uplink-probe", null)
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[10])).build(),
                HttpResponse.BodyHandlers.ofString()), 401, ErrorCode.INVALID_TOKEN);
    }

    private static void assertError(HttpResponse<String> response, int status, ErrorCode code) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(code.name(), CODEC.tree(response.body()).at("/error/code").asText(), response.body());
    }

    private HttpResponse<String> post(String path, String token, String body) throws IOException,
            InterruptedException {
        return HTTP.send(request(path, token).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.baseUri().resolve(path)).timeout(Duration.ofSeconds(10));
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }
}
