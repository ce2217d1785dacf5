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

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The protocol module's shared JSON fixtures, sent over a real socket: what the page and the console send is what
 * the server accepts, and every invalid message gets the error code the fixtures promise, on a socket that stays open.
 */
class FixturesIT {
    private static final ProtocolCodec CODEC = new ProtocolCodec();
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

            for (String name : new String[]{"signal", "signal-candidate"}) {
                patient.sendText(Fixtures.client(name));
                JsonNode payload = CODEC.tree(Fixtures.client(name)).get("signal");
                assertEquals(new ServerMessage.Signal(Role.PATIENT, payload), doctor.expect(ServerMessage.Signal.class));
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
