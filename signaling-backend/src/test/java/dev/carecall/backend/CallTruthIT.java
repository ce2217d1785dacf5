package dev.carecall.backend;

import dev.carecall.backend.BackendSettings.CallGrace;
import dev.carecall.backend.storage.CallSession;
import dev.carecall.backend.storage.TestPostgres;
import dev.carecall.protocol.CallEndReason;
import dev.carecall.protocol.CallEvent;
import dev.carecall.protocol.CallStatus;
import dev.carecall.protocol.ClientMessage;
import dev.carecall.protocol.ProtocolCodec;
import dev.carecall.protocol.ServerMessage;
import dev.carecall.protocol.SignalPayload;
import dev.carecall.protocol.rest.CallEventView;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the database says about calls nobody is in, also across a restart: servers on one PostgreSQL schema, one
 * stopped and another started on it as a restarted process would be. (The real {@code kill -9} of a backend process
 * mid-call, with real media, is e2e-tests' {@code CrashRecoveryIT}.)
 */
class CallTruthIT {
    private static final ProtocolCodec CODEC = new ProtocolCodec();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static TestPostgres schema;
    private static BackendSettings base;

    @BeforeAll
    static void createSchema() {
        schema = TestPostgres.createSchema();
        base = BackendSettings.forTests().with(schema.settings());
    }

    @AfterAll
    static void dropSchema() {
        if (schema != null) {
            schema.dropSchema();
        }
    }

    @Test
    void aCallBothPartiesLeftEndsAsAbandonedAndItsLogWasStoredAsItGrew() {
        try (CareCallServer server = start(new CallGrace(Duration.ofSeconds(8), Duration.ofSeconds(2)))) {
            long id = server.createAppointment("demo-doctor", "Lena Fischer", Instant.now(), true);
            long sessionId;
            try (SocketClient doctor = SocketClient.room(server, id, server.doctorToken("demo-doctor"));
                 SocketClient patient = SocketClient.room(server, id, server.patientToken(id))) {
                sessionId = startAndJoin(doctor, patient);
                doctor.send(new ClientMessage.Signal(SignalPayload.parse(
                        CODEC.tree("{\"type\":\"offer\",\"sdp\":\"v=0 offer\"}"))));
                patient.await(ServerMessage.Signal.class);
                // Stored while the call runs, not only at its end: what a crash now would leave behind.
                CallSession running = Awaitility.await("the offer in the stored log").atMost(WAIT)
                        .until(() -> server.store().findSession(sessionId).orElseThrow(),
                                s -> events(s).contains(CallEvent.OFFER));
                assertEquals(CallStatus.ACTIVE, running.status());
            }
            CallSession ended = awaitEnded(server, sessionId);
            assertEquals(CallEndReason.ABANDONED, ended.endReason());
            assertNull(ended.endedBy(), "the server ended it");
            List<CallEvent> events = events(ended);
            assertEquals(List.of(CallEvent.START_CALL, CallEvent.JOIN_CALL, CallEvent.OFFER), events.subList(0, 3));
            assertEquals(CallEvent.END_CALL, events.getLast());
            assertTrue(events.stream().filter(CallEvent.DISCONNECTED::equals).count() >= 2, events.toString());
            assertEquals(CallStatus.ENDED, server.store().findAppointment(id).orElseThrow().callStatus());
            System.out.printf("abandoned: left at %s, ended at %s%n", events.get(events.size() - 2), ended.endedAt());
        }
    }

    @Test
    void afterARestartThePartiesComingBackResumeTheSameSession() {
        long id;
        long sessionId;
        try (CareCallServer before = start(CallGrace.DEFAULT)) {
            id = before.createAppointment("demo-doctor", "Omar Haddad", Instant.now(), true);
            SocketClient doctor = SocketClient.room(before, id, before.doctorToken("demo-doctor"));
            SocketClient patient = SocketClient.room(before, id, before.patientToken(id));
            sessionId = startAndJoin(doctor, patient);
        } // stopped mid-call, the sockets cut by the stop, as a process that dies cuts them
        CallGrace shortGrace = new CallGrace(Duration.ofSeconds(2), Duration.ofMinutes(2));
        try (CareCallServer after = start(shortGrace);
             SocketClient doctor = SocketClient.connect(after.webSocketBaseUri().resolve("/ws/appointments/" + id));
             SocketClient patient = SocketClient.connect(after.webSocketBaseUri().resolve("/ws/appointments/" + id))) {
            doctor.send(new ClientMessage.Register(after.doctorToken("demo-doctor")));
            ServerMessage.Registered back = doctor.await(ServerMessage.Registered.class);
            assertEquals(CallStatus.ACTIVE, back.callStatus());
            assertEquals(sessionId, back.sessionId(), "the same session");
            patient.send(new ClientMessage.Register(after.patientToken(id)));
            assertEquals(sessionId, patient.await(ServerMessage.Registered.class).sessionId());

            // The grace runs out with both back: the call carries on.
            Awaitility.await("the call kept past the restart's grace").during(shortGrace.afterRestart().plusSeconds(1))
                    .atMost(WAIT).until(() -> after.store().findSession(sessionId).orElseThrow().status(),
                            CallStatus.ACTIVE::equals);
            doctor.send(new ClientMessage.EndCall());
            ServerMessage.CallEnded ended = patient.await(ServerMessage.CallEnded.class);
            assertEquals(CallEndReason.HANGUP, ended.reason());
            CallSession stored = after.store().findSession(sessionId).orElseThrow();
            assertEquals(CallEndReason.HANGUP, stored.endReason());
            assertTrue(events(stored).contains(CallEvent.CONNECTED), "the returns are in the log: " + events(stored));
        }
    }

    @Test
    void afterARestartCallsWhosePartiesStayAwayEndAsServerRestart() {
        long waitingId;
        long activeId;
        long waitingSession;
        long activeSession;
        try (CareCallServer before = start(CallGrace.DEFAULT)) {
            waitingId = before.createAppointment("demo-doctor", "Aisha Rahman", Instant.now(), true);
            activeId = before.createAppointment("demo-doctor", "Tomás Álvarez", Instant.now(), true);
            SocketClient starter = SocketClient.room(before, waitingId, before.doctorToken("demo-doctor"));
            starter.send(new ClientMessage.StartCall());
            waitingSession = starter.await(ServerMessage.ActiveCall.class).sessionId();
            SocketClient doctor = SocketClient.room(before, activeId, before.doctorToken("demo-doctor"));
            SocketClient patient = SocketClient.room(before, activeId, before.patientToken(activeId));
            activeSession = startAndJoin(doctor, patient);
        }
        try (CareCallServer after = start(new CallGrace(Duration.ofSeconds(1), Duration.ofMinutes(2)))) {
            for (long session : List.of(waitingSession, activeSession)) {
                CallSession ended = awaitEnded(after, session);
                assertEquals(CallEndReason.SERVER_RESTART, ended.endReason());
                assertNull(ended.endedBy());
            }
            assertEquals(CallStatus.ENDED, after.store().findAppointment(waitingId).orElseThrow().callStatus());
            assertEquals(CallStatus.ENDED, after.store().findAppointment(activeId).orElseThrow().callStatus());
            List<Long> live = after.store().liveCallAppointments();
            assertFalse(live.contains(waitingId) || live.contains(activeId), "still live: " + live);
        }
    }

    @Test
    void aCallLeftEmptyBeforeTheRestartStillEndsAsAbandonedAfterIt() {
        long id;
        long sessionId;
        CallGrace grace = new CallGrace(Duration.ofMinutes(5), Duration.ofSeconds(3));
        try (CareCallServer before = start(grace)) {
            id = before.createAppointment("demo-doctor", "Ingrid Nilsen", Instant.now(), true);
            try (SocketClient doctor = SocketClient.room(before, id, before.doctorToken("demo-doctor"));
                 SocketClient patient = SocketClient.room(before, id, before.patientToken(id))) {
                sessionId = startAndJoin(doctor, patient);
            }
            Instant since = Awaitility.await("the empty call noted in the database").atMost(WAIT)
                    .until(() -> before.store().findSession(sessionId).orElseThrow().emptySince(),
                            java.util.Objects::nonNull);
            System.out.println("empty since " + since);
        }
        // The restart's own grace (5 minutes here) does not apply: the parties had left before it.
        try (CareCallServer after = start(grace)) {
            CallSession ended = awaitEnded(after, sessionId);
            assertEquals(CallEndReason.ABANDONED, ended.endReason());
            assertNotNull(ended.endedAt());
        }
    }

    private static CareCallServer start(CallGrace grace) {
        return CareCallServer.start(base.with(grace));
    }

    /** The doctor starts, the patient joins; returns the session. */
    private static long startAndJoin(SocketClient doctor, SocketClient patient) {
        doctor.send(new ClientMessage.StartCall());
        long sessionId = doctor.await(ServerMessage.ActiveCall.class).sessionId();
        patient.await(ServerMessage.ActiveCall.class);
        patient.send(new ClientMessage.JoinCall());
        doctor.await(ServerMessage.JoinerConnected.class);
        patient.await(ServerMessage.JoinerConnected.class);
        return sessionId;
    }

    private static CallSession awaitEnded(CareCallServer server, long sessionId) {
        return Awaitility.await("session " + sessionId + " ended").atMost(WAIT)
                .until(() -> server.store().findSession(sessionId).orElseThrow(),
                        s -> s.status() == CallStatus.ENDED);
    }

    private static List<CallEvent> events(CallSession session) {
        return session.events().stream().map(CallEventView::event).toList();
    }
}
