package dev.carecall.backend;

import dev.carecall.backend.auth.Tokens;
import dev.carecall.protocol.CallStatus;
import dev.carecall.protocol.ClientMessage;
import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.ProtocolCodec;
import dev.carecall.protocol.Role;
import dev.carecall.protocol.ServerMessage;
import dev.carecall.protocol.rest.CallStatusView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The room's rules: who may enter, what bad input gets, reconnects, replacement, restarts, REST and lobby. */
class RoomRulesIT {
    private static final ProtocolCodec CODEC = new ProtocolCodec();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    @RegisterExtension
    static final TestBackend BACKEND = TestBackend.withDefaults();
    private final CareCallServer server = BACKEND.server();

    @Test
    void aPartyArrivingAfterTheStartIsToldTheCallWaits() {
        long id = appointment(true);
        try (SocketClient doctor = SocketClient.room(server, id, doctorToken())) {
            doctor.send(new ClientMessage.StartCall());
            ServerMessage.ActiveCall started = doctor.expect(ServerMessage.ActiveCall.class);

            try (SocketClient patient = connect(id)) {
                patient.send(new ClientMessage.Register(server.patientToken(id)));
                ServerMessage.Registered registered = patient.expect(ServerMessage.Registered.class);
                assertEquals(CallStatus.WAITING, registered.callStatus());
                assertEquals(Role.DOCTOR, registered.startedBy());
                assertTrue(registered.peerConnected());
                assertEquals(started, patient.expect(ServerMessage.ActiveCall.class), "shows Join at once");
            }
        }
    }

    @Test
    void aDroppedPartyReconnectsAndLearnsTheRunningCall() {
        long id = appointment(true);
        try (SocketClient doctor = SocketClient.room(server, id, doctorToken())) {
            SocketClient patient = SocketClient.room(server, id, server.patientToken(id));
            doctor.expect(ServerMessage.PeerPresence.class);
            patient.send(new ClientMessage.StartCall());
            doctor.expect(ServerMessage.ActiveCall.class);
            doctor.send(new ClientMessage.JoinCall());
            ServerMessage.JoinerConnected joined = doctor.expect(ServerMessage.JoinerConnected.class);

            patient.close(); // the patient's network drops
            assertEquals(new ServerMessage.PeerPresence(Role.PATIENT, false),
                    doctor.expect(ServerMessage.PeerPresence.class));

            try (SocketClient back = connect(id)) {
                back.send(new ClientMessage.Register(server.patientToken(id)));
                ServerMessage.Registered registered = back.expect(ServerMessage.Registered.class);
                assertEquals(CallStatus.ACTIVE, registered.callStatus());
                assertEquals(joined.sessionId(), registered.sessionId());
                assertTrue(registered.peerConnected());
                assertEquals(CallStatus.ACTIVE, back.expect(ServerMessage.ActiveCall.class).callStatus());
                assertEquals(new ServerMessage.PeerPresence(Role.PATIENT, true),
                        doctor.expect(ServerMessage.PeerPresence.class));

                back.send(new ClientMessage.JoinCall()); // rejoin: both build a new peer connection
                assertEquals(new ServerMessage.JoinerConnected(joined.sessionId(), Role.PATIENT),
                        doctor.expect(ServerMessage.JoinerConnected.class));
                back.expect(ServerMessage.JoinerConnected.class);
            }
        }
    }

    @Test
    void connectingTwiceReplacesTheOlderSocket() {
        long id = appointment(true);
        try (SocketClient first = SocketClient.room(server, id, doctorToken());
             SocketClient second = SocketClient.room(server, id, doctorToken())) {
            assertEquals(ErrorCode.REPLACED_BY_NEW_CONNECTION, first.expect(ServerMessage.Error.class).code());
            assertEquals(4001, first.awaitClose());
            second.assertNothingElseThenPong();
            try (SocketClient patient = SocketClient.room(server, id, server.patientToken(id))) {
                assertEquals(new ServerMessage.PeerPresence(Role.PATIENT, true),
                        second.expect(ServerMessage.PeerPresence.class), "the newer socket is the one in the room");
            }
        }
    }

    @Test
    void aSocketThatNeverRegistersIsClosedAfterTheTimeout() {
        try (SocketClient silent = connect(appointment(true))) {
            assertEquals(ErrorCode.REGISTER_TIMEOUT, silent.expect(ServerMessage.Error.class).code());
            assertEquals(1008, silent.awaitClose());
        }
    }

    @Test
    void aPatientLinkOpensOnlyItsOwnAppointment() {
        long mine = appointment(true);
        long other = appointment(true);
        assertRefused(other, server.patientToken(mine), ErrorCode.WRONG_APPOINTMENT);
    }

    @Test
    void anotherDoctorCannotEnterNorTellTheAppointmentExists() {
        assertRefused(appointment(true), server.doctorToken("demo-doctor-2"), ErrorCode.APPOINTMENT_NOT_FOUND);
    }

    @Test
    void expiredAndForgedTokensAreRefused() {
        long id = appointment(true);
        Tokens sameSecret = new Tokens(BACKEND.settings().tokens().secret(), Clock.systemUTC());
        assertRefused(id, sameSecret.patientToken(id, 1, Instant.now().minusSeconds(60)), ErrorCode.TOKEN_EXPIRED);
        Tokens otherSecret = new Tokens("another secret that is long enough to sign", Clock.systemUTC());
        assertRefused(id, otherSecret.patientToken(id, 1, Instant.now().plusSeconds(600)), ErrorCode.INVALID_TOKEN);
        assertRefused(id, "not-a-token", ErrorCode.INVALID_TOKEN);
    }

    @Test
    void anUnknownAppointmentIsRefused() {
        assertRefused(999_999, doctorToken(), ErrorCode.APPOINTMENT_NOT_FOUND);
    }

    @Test
    void anythingBeforeRegisterIsRefused() {
        try (SocketClient client = connect(appointment(true))) {
            client.send(new ClientMessage.StartCall("r1"));
            assertEquals(new ServerMessage.Error(ErrorCode.NOT_REGISTERED, "Send 'register' with your token first.",
                    "r1"), client.expect(ServerMessage.Error.class));
            assertEquals(1008, client.awaitClose());
        }
    }

    @Test
    void malformedMessagesGetAnErrorAndTheServerKeepsServing() {
        long id = appointment(true);
        try (SocketClient doctor = SocketClient.room(server, id, doctorToken())) {
            doctor.sendText("this is not json");
            assertEquals(ErrorCode.MALFORMED_MESSAGE, doctor.expect(ServerMessage.Error.class).code());
            doctor.sendText("{\"type\":\"dance\",\"requestId\":\"r2\"}");
            ServerMessage.Error unknown = doctor.expect(ServerMessage.Error.class);
            assertEquals(ErrorCode.UNKNOWN_TYPE, unknown.code());
            assertEquals("r2", unknown.requestId());
            doctor.sendText("{\"type\":\"chat\",\"requestId\":\"r3\"}");
            assertEquals(new ServerMessage.Error(ErrorCode.MISSING_FIELD, "The message could not be read: "
                    + "field 'text' is required", "r3"), doctor.expect(ServerMessage.Error.class));
            doctor.sendText("{\"type\":\"mediaState\",\"audio\":\"yes\",\"video\":true}");
            assertEquals(ErrorCode.INVALID_FIELD, doctor.expect(ServerMessage.Error.class).code());
            doctor.sendText("{\"type\":\"signal\",\"signal\":{\"type\":\"offer\",\"sdp\":\"x\"}}");
            assertEquals(ErrorCode.NO_ACTIVE_CALL, doctor.expect(ServerMessage.Error.class).code());
            doctor.sendText("x".repeat(70_000));
            assertEquals(ErrorCode.MESSAGE_TOO_LARGE, doctor.expect(ServerMessage.Error.class).code());
            doctor.assertNothingElseThenPong(); // still open, still answering

            long neighbour = appointment(true); // and another room works meanwhile
            try (SocketClient d2 = SocketClient.room(server, neighbour, doctorToken());
                 SocketClient p2 = SocketClient.room(server, neighbour, server.patientToken(neighbour))) {
                p2.send(new ClientMessage.StartCall());
                p2.expect(ServerMessage.ActiveCall.class);
                d2.await(ServerMessage.ActiveCall.class);
                d2.send(new ClientMessage.JoinCall());
                assertEquals(Role.DOCTOR, p2.expect(ServerMessage.JoinerConnected.class).joinedBy());
            }
        }
    }

    @Test
    void anUnpaidAppointmentCannotStartACall() {
        long id = appointment(false);
        try (SocketClient patient = SocketClient.room(server, id, server.patientToken(id))) {
            patient.send(new ClientMessage.StartCall("pay"));
            ServerMessage.Error error = patient.expect(ServerMessage.Error.class);
            assertEquals(ErrorCode.PAYMENT_REQUIRED, error.code());
            assertEquals("pay", error.requestId());
            patient.assertNothingElseThenPong();
        }
        assertEquals(CallStatus.INACTIVE, server.store().findAppointment(id).orElseThrow().callStatus());
    }

    @Test
    void bothPressingStartAtOnceMakeOneCall() {
        long id = appointment(true);
        try (SocketClient doctor = SocketClient.room(server, id, doctorToken());
             SocketClient patient = SocketClient.room(server, id, server.patientToken(id))) {
            doctor.expect(ServerMessage.PeerPresence.class);
            doctor.send(new ClientMessage.StartCall());
            patient.send(new ClientMessage.StartCall());
            for (SocketClient party : java.util.List.of(doctor, patient)) {
                ServerMessage.ActiveCall started = party.expect(ServerMessage.ActiveCall.class);
                ServerMessage.JoinerConnected joined = party.expect(ServerMessage.JoinerConnected.class);
                assertEquals(started.sessionId(), joined.sessionId());
                assertEquals(started.startedBy().other(), joined.joinedBy(), "the later Start counts as Join");
            }
            assertEquals(1, server.store().sessionsOf(id).size());
            assertEquals(CallStatus.ACTIVE, server.store().findAppointment(id).orElseThrow().callStatus());
        }
    }

    @Test
    void aCallCanBeStartedAgainAfterItEnded() {
        long id = appointment(true);
        try (SocketClient doctor = SocketClient.room(server, id, doctorToken());
             SocketClient patient = SocketClient.room(server, id, server.patientToken(id))) {
            doctor.expect(ServerMessage.PeerPresence.class);
            long first = runCall(doctor, patient);
            long second = runCall(patient, doctor);
            assertNotEquals(first, second);
            assertEquals(java.util.List.of(second, first),
                    server.store().sessionsOf(id).stream().map(s -> s.id()).toList());
            assertTrue(server.store().sessionsOf(id).stream().allMatch(s -> s.status() == CallStatus.ENDED));
        }
    }

    @Test
    void restAndSocketsChangeTheSameCallAndTheLobbyHears() throws Exception {
        long id = appointment(true);
        try (SocketClient lobby = SocketClient.connect(server.webSocketBaseUri().resolve("/ws/lobby"));
             SocketClient patient = SocketClient.room(server, id, server.patientToken(id))) {
            lobby.send(new ClientMessage.Register(doctorToken()));
            assertEquals(null, lobby.expect(ServerMessage.Registered.class).appointmentId());

            CallStatusView started = post(id, "start-call");
            assertEquals(CallStatus.WAITING, started.callStatus());
            assertTrue(started.patientConnected());
            assertFalse(started.doctorConnected());
            assertEquals(Role.DOCTOR, patient.expect(ServerMessage.ActiveCall.class).startedBy());
            assertEquals(new ServerMessage.CallStatusChanged(id, CallStatus.WAITING, Role.DOCTOR, started.sessionId()),
                    lobby.expect(ServerMessage.CallStatusChanged.class));

            patient.send(new ClientMessage.JoinCall());
            patient.expect(ServerMessage.JoinerConnected.class);
            assertEquals(CallStatus.ACTIVE, lobby.expect(ServerMessage.CallStatusChanged.class).callStatus());

            CallStatusView ended = post(id, "end-call");
            assertEquals(CallStatus.ENDED, ended.callStatus());
            assertEquals(Role.DOCTOR, patient.expect(ServerMessage.CallEnded.class).endedBy());
            assertEquals(CallStatus.ENDED, lobby.expect(ServerMessage.CallStatusChanged.class).callStatus());
        }
    }

    @Test
    void chatReachesBothAndMediaStateOnlyTheOther() {
        long id = appointment(true);
        try (SocketClient doctor = SocketClient.room(server, id, doctorToken());
             SocketClient patient = SocketClient.room(server, id, server.patientToken(id))) {
            doctor.expect(ServerMessage.PeerPresence.class);
            patient.send(new ClientMessage.Chat("Can you hear me?"));
            ServerMessage.Chat line = doctor.expect(ServerMessage.Chat.class);
            assertEquals(Role.PATIENT, line.from());
            assertEquals(line, patient.expect(ServerMessage.Chat.class));
            patient.send(new ClientMessage.MediaState(false, true));
            assertEquals(new ServerMessage.MediaState(Role.PATIENT, false, true),
                    doctor.expect(ServerMessage.MediaState.class));
            doctor.send(new ClientMessage.ScreenShare(true));
            assertEquals(new ServerMessage.ScreenShare(Role.DOCTOR, true),
                    patient.expect(ServerMessage.ScreenShare.class));
            patient.assertNothingElseThenPong();
            doctor.assertNothingElseThenPong();
        }
    }

    @Test
    void theLobbyIsForDoctorsOnly() {
        long id = appointment(true);
        try (SocketClient lobby = SocketClient.connect(server.webSocketBaseUri().resolve("/ws/lobby"))) {
            lobby.send(new ClientMessage.Register(server.patientToken(id)));
            assertEquals(ErrorCode.FORBIDDEN, lobby.expect(ServerMessage.Error.class).code());
            assertEquals(1008, lobby.awaitClose());
        }
    }

    /** Starts, joins and ends a call; returns its session id. */
    private static long runCall(SocketClient starter, SocketClient joiner) {
        starter.send(new ClientMessage.StartCall());
        long session = starter.expect(ServerMessage.ActiveCall.class).sessionId();
        joiner.expect(ServerMessage.ActiveCall.class);
        joiner.send(new ClientMessage.JoinCall());
        starter.expect(ServerMessage.JoinerConnected.class);
        joiner.expect(ServerMessage.JoinerConnected.class);
        starter.send(new ClientMessage.EndCall());
        assertEquals(session, starter.expect(ServerMessage.CallEnded.class).sessionId());
        joiner.expect(ServerMessage.CallEnded.class);
        return session;
    }

    private void assertRefused(long appointmentId, String token, ErrorCode expected) {
        try (SocketClient client = connect(appointmentId)) {
            client.send(new ClientMessage.Register(token));
            assertEquals(expected, client.expect(ServerMessage.Error.class).code());
            assertEquals(1008, client.awaitClose());
        }
    }

    private CallStatusView post(long id, String action) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        server.baseUri().resolve("/api/appointments/" + id + "/" + action))
                .header("Authorization", "Bearer " + doctorToken())
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return CODEC.fromJson(response.body(), CallStatusView.class);
    }

    private SocketClient connect(long appointmentId) {
        return SocketClient.connect(server.webSocketBaseUri().resolve(URI.create("/ws/appointments/" + appointmentId)));
    }

    private long appointment(boolean paid) {
        return server.createAppointment("demo-doctor", "Grace Okafor", Instant.now(), paid);
    }

    private String doctorToken() {
        return server.doctorToken("demo-doctor");
    }
}
