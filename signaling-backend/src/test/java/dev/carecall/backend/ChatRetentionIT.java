package dev.carecall.backend;

import dev.carecall.backend.history.TranscriptSettings;
import dev.carecall.protocol.ClientMessage;
import dev.carecall.protocol.ProtocolCodec;
import dev.carecall.protocol.ServerMessage;
import dev.carecall.protocol.rest.CallSessionView;
import dev.carecall.protocol.rest.ChatLineView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** {@code carecall.chat.retention}: a call's transcript goes away that long after the call ended, the call stays. */
class ChatRetentionIT {
    private static final ProtocolCodec CODEC = new ProtocolCodec();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    /** Long enough to read the transcript right after the call on a loaded machine, short enough for a test. */
    private static final Duration RETENTION = Duration.ofSeconds(10);
    @RegisterExtension
    static final TestBackend BACKEND = TestBackend.with(settings -> settings.with(
            new TranscriptSettings(true, RETENTION)));
    private final CareCallServer server = BACKEND.server();

    @Test
    void theTranscriptIsDeletedAfterTheRetentionAndTheCallStays() throws Exception {
        long id = server.createAppointment("demo-doctor", "Hannah Weber", Instant.now(), true);
        try (SocketClient doctor = SocketClient.room(server, id, server.doctorToken("demo-doctor"))) {
            doctor.send(new ClientMessage.StartCall());
            doctor.await(ServerMessage.ActiveCall.class);
            doctor.send(new ClientMessage.Chat("A note for the record."));
            doctor.await(ServerMessage.Chat.class);
            doctor.send(new ClientMessage.EndCall());
            doctor.await(ServerMessage.CallEnded.class);
        }
        long ended = System.nanoTime();
        CallSessionView fresh = history(id);
        int stored = server.store().transcriptsOf(id).size();
        // On a machine too loaded to ask within the retention, only the deletion can be checked.
        if (Duration.ofNanos(System.nanoTime() - ended).compareTo(RETENTION) < 0) {
            assertEquals(List.of("A note for the record."), fresh.transcript().stream().map(ChatLineView::text).toList());
            assertEquals(1, stored, "stored until the retention has passed");
        }
        await("the sweep deletes the stored lines").atMost(RETENTION.multipliedBy(3))
                .until(() -> server.store().transcriptsOf(id).isEmpty());
        CallSessionView later = history(id);
        assertNull(later.transcript(), "absent, not empty: the history says the chat is not kept");
        assertEquals(fresh.id(), later.id());
        assertEquals(fresh.endedAt(), later.endedAt(), "the call itself stays in the history");
        assertNull(later.transcriptTruncated());
        System.out.println("[retention] transcript gone " + Duration.ofNanos(System.nanoTime() - ended).toMillis()
                + " ms after the call ended (retention " + RETENTION.toMillis() + " ms)");
    }

    private CallSessionView history(long id) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(server.baseUri()
                        .resolve("/api/appointments/" + id + "/call-history"))
                .header("Authorization", "Bearer " + server.doctorToken("demo-doctor"))
                .timeout(SocketClient.WAIT).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return CODEC.listFromJson(answer.body(), CallSessionView.class).getFirst();
    }
}
