package dev.carecall.backend;

import dev.carecall.protocol.CallEndReason;
import dev.carecall.protocol.CallEvent;
import dev.carecall.protocol.ClientKind;
import dev.carecall.protocol.Fixtures;
import dev.carecall.protocol.ClientMessage;
import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.MediaConnection;
import dev.carecall.protocol.Protocol;
import dev.carecall.protocol.ProtocolCodec;
import dev.carecall.protocol.QualityLevel;
import dev.carecall.protocol.QualityReport;
import dev.carecall.protocol.Readiness.CandidateType;
import dev.carecall.protocol.Role;
import dev.carecall.protocol.ServerMessage;
import dev.carecall.protocol.rest.ApiError;
import dev.carecall.protocol.rest.CallEventView;
import dev.carecall.protocol.rest.CallQualityView;
import dev.carecall.protocol.rest.CallSessionView;
import dev.carecall.protocol.rest.ChatLineView;
import dev.carecall.protocol.rest.QualityFigures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code GET /api/appointments/{id}/call-history} after calls over real sockets: the chat transcript stored with the
 * call, the timeline with a reconnect and a media interruption, the quality summary, and who may read it.
 */
class CallHistoryIT {
    private static final ProtocolCodec CODEC = new ProtocolCodec();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    @RegisterExtension
    static final TestBackend BACKEND = TestBackend.withDefaults();
    private final CareCallServer server = BACKEND.server();

    @Test
    void theDoctorReadsTimelineTranscriptAndQualityOfACallWithAReconnect() throws Exception {
        long id = server.createAppointment("demo-doctor", "Hannah Weber", Instant.now(), true);
        String doctorToken = server.doctorToken("demo-doctor");
        String longest = "ä".repeat(Protocol.MAX_CHAT_LENGTH - 1) + ".";
        try (SocketClient doctor = SocketClient.room(server, id, doctorToken)) {
            // Chat before any call is relayed but belongs to no call.
            doctor.send(new ClientMessage.Chat("Are you there?"));
            doctor.await(ServerMessage.Chat.class);
            try (SocketClient patient = SocketClient.room(server, id, server.patientToken(id))) {
                patient.send(new ClientMessage.StartCall());
                doctor.await(ServerMessage.ActiveCall.class);
                doctor.send(new ClientMessage.JoinCall());
                patient.await(ServerMessage.JoinerConnected.class);
                patient.send(new ClientMessage.Chat("Guten Tag, I can see you."));
                doctor.await(ServerMessage.Chat.class);
                doctor.send(new ClientMessage.Chat(longest));
                doctor.await(ServerMessage.Chat.class); // its own line, confirmed in the server's order
            }
            doctor.await(ServerMessage.PeerPresence.class); // the patient's socket went away
            try (SocketClient patient = SocketClient.room(server, id, server.patientToken(id))) {
                // Back in the running call (a reload): the chat so far, in the server's order.
                ServerMessage.ChatTranscript so = patient.await(ServerMessage.ChatTranscript.class);
                assertEquals(List.of("patient: Guten Tag, I can see you.", "doctor: " + longest),
                        so.lines().stream().map(l -> l.from().wireName() + ": " + l.text()).toList());
                doctor.await(ServerMessage.PeerPresence.class);
                // Each side reports its quality, naming its program and the selected candidate pair.
                patient.sendText(Fixtures.client("quality"));
                doctor.await(ServerMessage.Quality.class);
                doctor.send(new ClientMessage.Quality(new QualityReport(QualityLevel.GOOD, 40, 5, 900, 800, 1500,
                        0.0, 0.0, 4, 24, 24, "640x480", "640x480", CandidateType.HOST, CandidateType.SRFLX,
                        ClientKind.CONSOLE)));
                patient.await(ServerMessage.Quality.class);
                patient.send(new ClientMessage.MediaConnectionChanged(MediaConnection.INTERRUPTED));
                patient.send(new ClientMessage.MediaConnectionChanged(MediaConnection.RESTORED));
                patient.send(new ClientMessage.Chat("Back again."));
                doctor.await(ServerMessage.Chat.class);
                doctor.send(new ClientMessage.EndCall());
                patient.await(ServerMessage.CallEnded.class);
            }
        }

        HttpResponse<String> answer = get(id, doctorToken);
        assertEquals(200, answer.statusCode(), answer.body());
        List<CallSessionView> history = CODEC.listFromJson(answer.body(), CallSessionView.class);
        assertEquals(1, history.size());
        CallSessionView call = history.getFirst();
        assertEquals(CallEndReason.HANGUP, call.endReason());
        assertEquals(Role.DOCTOR, call.endedBy());

        List<ChatLineView> transcript = call.transcript();
        assertEquals(List.of("patient: Guten Tag, I can see you.", "doctor: " + longest, "patient: Back again."),
                transcript.stream().map(l -> l.from().wireName() + ": " + l.text()).toList(),
                "the call's lines in the server's order, the longest allowed one whole; none from before the call");
        assertTrue(!transcript.getFirst().at().isBefore(call.startedAt())
                && !transcript.getLast().at().isAfter(call.endedAt()), "each line with the time it was relayed");
        assertNull(call.transcriptTruncated());

        List<String> timeline = call.timeline().stream().map(CallHistoryIT::text).toList();
        assertEquals(List.of("startCall patient", "joinCall doctor", "disconnected patient", "connected patient",
                "mediaInterrupted patient", "mediaRestored patient", "endCall doctor"), timeline);
        assertTrue(call.events().stream().anyMatch(e -> e.event() == CallEvent.CHAT), "the log still notes chat");
        assertTrue(call.timeline().stream().noneMatch(e -> e.event() == CallEvent.CHAT), "not on the timeline");

        CallQualityView quality = call.quality();
        assertEquals(1, quality.reconnects());
        assertEquals(1, quality.mediaInterruptions());
        QualityFigures patientSide = quality.patient();
        assertEquals(1, patientSide.samples());
        assertEquals(ClientKind.BROWSER, patientSide.client());
        assertEquals(List.of(CandidateType.SRFLX, CandidateType.RELAY),
                List.of(patientSide.localCandidate(), patientSide.remoteCandidate()));
        assertEquals(180.0, patientSide.medianRttMs());
        assertEquals(ClientKind.CONSOLE, quality.doctor().client());
        assertEquals(CandidateType.HOST, quality.doctor().localCandidate());
        assertTrue(call.events().stream().noneMatch(e -> e.event() == CallEvent.QUALITY_SAMPLE),
                "quality is kept in its summary, not in the log");
        assertTrue(answer.body().contains("\"transcript\":[{\"at\":"), answer.body());
    }

    @Test
    void onlyTheAppointmentsDoctorReadsItsHistory() throws Exception {
        long id = server.createAppointment("demo-doctor", "Lena Vogel", Instant.now(), true);
        assertError(get(id, server.patientToken(id)), 403, ErrorCode.FORBIDDEN);
        assertError(get(id, server.doctorToken("demo-doctor-2")), 404, ErrorCode.APPOINTMENT_NOT_FOUND);
        assertError(get(id, null), 401, ErrorCode.INVALID_TOKEN);
        HttpResponse<String> none = get(id, server.doctorToken("demo-doctor"));
        assertEquals(200, none.statusCode());
        assertEquals("[]", none.body(), "no call yet");
    }

    @Test
    void aCallNobodyJoinedHasNoQualityAndAnEmptyTranscript() throws Exception {
        long id = server.createAppointment("demo-doctor", "Jonas Berg", Instant.now(), true);
        String doctorToken = server.doctorToken("demo-doctor");
        try (SocketClient doctor = SocketClient.room(server, id, doctorToken)) {
            doctor.send(new ClientMessage.StartCall());
            doctor.await(ServerMessage.ActiveCall.class);
            doctor.send(new ClientMessage.EndCall());
            doctor.await(ServerMessage.CallEnded.class);
        }
        CallSessionView call = CODEC.listFromJson(get(id, doctorToken).body(), CallSessionView.class).getFirst();
        assertEquals(List.of(), call.transcript());
        assertNull(call.quality());
        assertEquals(List.of(CallEvent.START_CALL, CallEvent.END_CALL),
                call.timeline().stream().map(CallEventView::event).toList());
    }

    /** An event as "event role" (or just "event" when the server did it), for readable comparisons. */
    private static String text(CallEventView e) {
        return e.event().wireName() + (e.from() == null ? "" : " " + e.from().wireName());
    }

    private HttpResponse<String> get(long id, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.baseUri()
                .resolve("/api/appointments/" + id + "/call-history")).timeout(SocketClient.WAIT);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertError(HttpResponse<String> response, int status, ErrorCode code) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(code, CODEC.fromJson(response.body(), ApiError.class).error().code(), response.body());
    }
}
