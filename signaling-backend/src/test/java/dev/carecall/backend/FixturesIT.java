package dev.carecall.backend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carecall.protocol.ClientMessage;
import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.Fixtures;
import dev.carecall.protocol.ProtocolCodec;
import dev.carecall.protocol.Role;
import dev.carecall.protocol.ServerMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The protocol module's shared JSON fixtures, sent over a real socket: what the page and the console send is what
 * the server accepts, and every invalid message gets the error code the fixtures promise, on a socket that stays open.
 */
class FixturesIT {
    private static final ProtocolCodec CODEC = new ProtocolCodec();
    /** Chromium-shaped payloads: descriptions of every type, candidates with usernameFragment and a null sdpMid. */
    private static final List<String> SIGNALS = List.of("signal-offer", "signal-answer", "signal-pranswer",
            "signal-rollback", "signal-candidate", "signal-candidate-null-mid", "signal-end-of-candidates");
    @RegisterExtension
    static final TestBackend BACKEND = TestBackend.withDefaults();
    private final CareCallServer server = BACKEND.server();

    @Test
    void everyValidClientFixtureReachesTheOtherParty() {
        long id = server.createAppointment("demo-doctor", "Amara Nwosu", Instant.now(), true);
        try (SocketClient doctor = SocketClient.room(server, id, server.doctorToken("demo-doctor"));
             SocketClient patient = SocketClient.room(server, id, server.patientToken(id))) {
            doctor.expect(ServerMessage.PeerPresence.class);
            doctor.send(new ClientMessage.StartCall());
            doctor.expect(ServerMessage.ActiveCall.class);
            patient.expect(ServerMessage.ActiveCall.class);
            patient.send(new ClientMessage.JoinCall());
            doctor.expect(ServerMessage.JoinerConnected.class);
            patient.expect(ServerMessage.JoinerConnected.class);

            for (String name : SIGNALS) {
                patient.sendText(Fixtures.client(name));
                JsonNode sent = CODEC.tree(Fixtures.client(name)).get("signal");
                ServerMessage.Signal received = doctor.expect(ServerMessage.Signal.class);
                assertEquals(Role.PATIENT, received.from());
                JsonNode relayed = received.signal().json();
                assertEquals(fieldNames(sent), fieldNames(relayed), name + ": the same fields in the same order");
                assertEquals(sent, relayed, name + ": the same values, explicit nulls included");
            }
            patient.sendText(Fixtures.client("mediaState"));
            assertEquals(new ServerMessage.MediaState(Role.PATIENT, false, true),
                    doctor.expect(ServerMessage.MediaState.class));
            patient.sendText(Fixtures.client("screenShare"));
            assertEquals(new ServerMessage.ScreenShare(Role.PATIENT, true),
                    doctor.expect(ServerMessage.ScreenShare.class));
            patient.sendText(Fixtures.client("chat"));
            assertEquals("Can you hear me? Olá, ça va?", doctor.expect(ServerMessage.Chat.class).text());
            assertEquals("Can you hear me? Olá, ça va?", patient.expect(ServerMessage.Chat.class).text());
            patient.sendText(Fixtures.client("ping"));
            assertEquals(new ServerMessage.Pong("p-1"), patient.expect(ServerMessage.Pong.class));
            patient.sendText(Fixtures.client("endCall"));
            doctor.expect(ServerMessage.CallEnded.class);
            patient.expect(ServerMessage.CallEnded.class);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void everyInvalidClientFixtureGetsItsErrorAndTheSocketStaysOpen() {
        long id = server.createAppointment("demo-doctor", "Mateus Lima", Instant.now(), true);
        try (SocketClient doctor = SocketClient.room(server, id, server.doctorToken("demo-doctor"))) {
            for (JsonNode fixture : CODEC.tree(Fixtures.read("fixtures/invalid-client-messages.json"))) {
                doctor.sendText(fixture.get("raw").asText());
                ServerMessage.Error error = doctor.expect(ServerMessage.Error.class);
                String name = fixture.get("name").asText();
                assertEquals(ErrorCode.valueOf(fixture.get("code").asText()), error.code(), name);
                JsonNode requestId = fixture.get("requestId");
                assertEquals(requestId == null ? null : requestId.asText(), error.requestId(), name);
            }
            doctor.assertNothingElseThenPong();
        }
    }
}
