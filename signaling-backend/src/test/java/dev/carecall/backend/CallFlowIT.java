package dev.carecall.backend;

import dev.carecall.backend.storage.CallSession;
import dev.carecall.protocol.CallEndReason;
import dev.carecall.protocol.CallEvent;
import dev.carecall.protocol.CallStatus;
import dev.carecall.protocol.ClientMessage;
import dev.carecall.protocol.MediaConnection;
import dev.carecall.protocol.ProtocolCodec;
import dev.carecall.protocol.Role;
import dev.carecall.protocol.ServerMessage;
import dev.carecall.protocol.SignalPayload;
import dev.carecall.protocol.rest.CallEventView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A doctor and a patient in one room, over real sockets on a real server. */
class CallFlowIT {
    private static final ProtocolCodec CODEC = new ProtocolCodec();
    @RegisterExtension
    static final TestBackend BACKEND = TestBackend.withDefaults();
    private final CareCallServer server = BACKEND.server();

    @ParameterizedTest
    @EnumSource(Role.class)
    void eitherPartyStartsAndTheOtherJoins(Role starter) {
        long id = server.createAppointment("demo-doctor", "Lena Fischer", Instant.now(), true);
        long neighbour = server.createAppointment("demo-doctor", "Omar Haddad", Instant.now(), true);
        try (SocketClient doctor = SocketClient.room(server, id, server.doctorToken("demo-doctor"));
             SocketClient patient = SocketClient.room(server, id, server.patientToken(id));
             SocketClient bystander = SocketClient.room(server, neighbour, server.patientToken(neighbour))) {
            assertTrue(doctor.expect(ServerMessage.PeerPresence.class).connected());
            SocketClient first = starter == Role.DOCTOR ? doctor : patient;
            SocketClient second = starter == Role.DOCTOR ? patient : doctor;

            first.send(new ClientMessage.StartCall());
            ServerMessage.ActiveCall seenByFirst = first.expect(ServerMessage.ActiveCall.class);
            ServerMessage.ActiveCall seenBySecond = second.expect(ServerMessage.ActiveCall.class);
            assertEquals(starter, seenBySecond.startedBy(), "the second party sees who started: it shows Join");
            assertEquals(CallStatus.WAITING, seenBySecond.callStatus());
            assertEquals(seenByFirst.sessionId(), seenBySecond.sessionId());

            second.send(new ClientMessage.JoinCall());
            ServerMessage.JoinerConnected joined = first.expect(ServerMessage.JoinerConnected.class);
            assertEquals(starter.other(), joined.joinedBy());
            assertEquals(joined, second.expect(ServerMessage.JoinerConnected.class));

            SignalPayload offer = SignalPayload.parse(CODEC.tree("{\"type\":\"offer\",\"sdp\":\"v=0 offer\"}"));
            first.send(new ClientMessage.Signal(offer));
            assertEquals(new ServerMessage.Signal(starter, offer), second.expect(ServerMessage.Signal.class));
            SignalPayload candidate = SignalPayload.parse(CODEC.tree(
                    "{\"candidate\":\"candidate:1 1 udp 1 10.0.0.1 5000 typ host\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}"));
            second.send(new ClientMessage.Signal(candidate));
            assertEquals(new ServerMessage.Signal(starter.other(), candidate),
                    first.expect(ServerMessage.Signal.class));
            first.assertNothingElseThenPong(); // its own offer did not come back to it
            bystander.assertNothingElseThenPong(); // the other room heard nothing

            second.send(new ClientMessage.EndCall());
            ServerMessage.CallEnded ended = first.expect(ServerMessage.CallEnded.class);
            assertEquals(ended, second.expect(ServerMessage.CallEnded.class));
            assertEquals(starter.other(), ended.endedBy());
            assertEquals(CallEndReason.HANGUP, ended.reason());

            CallSession stored = server.store().sessionsOf(id).getFirst();
            assertEquals(seenByFirst.sessionId(), stored.id());
            assertEquals(CallStatus.ENDED, stored.status());
            assertEquals(starter, stored.startedBy());
            assertNotNull(stored.startedAt());
            assertNotNull(stored.joinedAt());
            assertEquals(ended.endedAt(), stored.endedAt());
            assertFalse(stored.joinedAt().isBefore(stored.startedAt()));
            assertFalse(stored.endedAt().isBefore(stored.joinedAt()));
            assertEquals(List.of(CallEvent.START_CALL, CallEvent.JOIN_CALL, CallEvent.OFFER, CallEvent.CANDIDATE,
                    CallEvent.END_CALL), stored.events().stream().map(CallEventView::event).toList());
            assertEquals(CallStatus.ENDED, server.store().findAppointment(id).orElseThrow().callStatus());
            String starterName = starter == Role.DOCTOR ? "doctor:demo-doctor" : "patient:" + id;
            String joinerName = starter == Role.DOCTOR ? "patient:" + id : "doctor:demo-doctor";
            assertEquals(List.of(starterName + " start-call", joinerName + " join-call", joinerName + " end-call"),
                    server.store().auditOf(id).stream().map(a -> a.actor() + " " + a.action()).toList());
        }
    }

    @Test
    void aMediaInterruptionAndItsRecoveryAreStoredWhileTheCallRuns() {
        long id = server.createAppointment("demo-doctor", "Aiko Tanaka", Instant.now(), true);
        try (SocketClient doctor = SocketClient.room(server, id, server.doctorToken("demo-doctor"));
             SocketClient patient = SocketClient.room(server, id, server.patientToken(id))) {
            doctor.send(new ClientMessage.StartCall());
            patient.await(ServerMessage.ActiveCall.class);
            patient.send(new ClientMessage.JoinCall());
            doctor.await(ServerMessage.JoinerConnected.class);
            patient.await(ServerMessage.JoinerConnected.class);

            // Each is handled before the ping after it, so the order across the two sockets is known.
            patient.send(new ClientMessage.MediaConnectionChanged(MediaConnection.INTERRUPTED));
            patient.assertNothingElseThenPong();
            doctor.send(new ClientMessage.MediaConnectionChanged(MediaConnection.INTERRUPTED));
            doctor.assertNothingElseThenPong();
            patient.send(new ClientMessage.MediaConnectionChanged(MediaConnection.RESTORED));
            patient.assertNothingElseThenPong();
            doctor.assertNothingElseThenPong(); // nothing was relayed to the other party

            // Read from the database, not the room: the events are stored as they happen, before the call ends.
            List<CallEventView> stored = server.store().sessionsOf(id).getFirst().events();
            List<CallEventView> media = stored.stream().filter(e -> e.event() == CallEvent.MEDIA_INTERRUPTED
                    || e.event() == CallEvent.MEDIA_RESTORED).toList();
            assertEquals(List.of(CallEvent.MEDIA_INTERRUPTED, CallEvent.MEDIA_INTERRUPTED, CallEvent.MEDIA_RESTORED),
                    media.stream().map(CallEventView::event).toList(), stored.toString());
            assertEquals(List.of(Role.PATIENT, Role.DOCTOR, Role.PATIENT),
                    media.stream().map(CallEventView::from).toList());
        }
    }
}
