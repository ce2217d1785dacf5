package dev.carecall.backend;

import dev.carecall.backend.quality.QualitySummary;
import dev.carecall.protocol.ClientMessage;
import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.Fixtures;
import dev.carecall.protocol.ProtocolCodec;
import dev.carecall.protocol.QualityLevel;
import dev.carecall.protocol.ClientKind;
import dev.carecall.protocol.QualityReport;
import dev.carecall.protocol.Readiness.CandidateType;
import dev.carecall.protocol.Role;
import dev.carecall.protocol.ServerMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The parties' {@code quality} reports over real sockets: each reaches the other party as it was sent, only during a
 * call, within the socket's allowance, and the session's summary per role is in the database when the call ends.
 */
class QualityRelayIT {
    private static final ProtocolCodec CODEC = new ProtocolCodec();
    @RegisterExtension
    static final TestBackend BACKEND = TestBackend.withDefaults();
    private final CareCallServer server = BACKEND.server();

    @Test
    void eachSidesReportReachesTheOtherAndTheSummaryIsStored() {
        long id = server.createAppointment("demo-doctor", "Lucía Fernández", Instant.now(), true);
        try (SocketClient doctor = SocketClient.room(server, id, server.doctorToken("demo-doctor"));
             SocketClient patient = SocketClient.room(server, id, server.patientToken(id))) {
            doctor.send(new ClientMessage.Quality(QualityReport.levelOnly(QualityLevel.GOOD)));
            assertEquals(ErrorCode.NO_ACTIVE_CALL, doctor.await(ServerMessage.Error.class).code());

            doctor.send(new ClientMessage.StartCall());
            patient.await(ServerMessage.ActiveCall.class);
            patient.send(new ClientMessage.JoinCall());
            doctor.await(ServerMessage.JoinerConnected.class);
            patient.await(ServerMessage.JoinerConnected.class);

            // The page's fixture, as the page writes it, reaches the doctor field for field.
            patient.sendText(Fixtures.client("quality"));
            ServerMessage.Quality relayed = doctor.await(ServerMessage.Quality.class);
            assertEquals(CODEC.decodeServer(Fixtures.room("quality")), relayed);
            assertEquals(Role.PATIENT, relayed.from());
            patient.assertNothingElseThenPong(); // not echoed to the sender

            QualityReport doctorSide = new QualityReport(QualityLevel.FAIR, 45, 3, 1200, 150, 1500, 0.0, 12.5, 20,
                    25, 12, "640x480", "320x240", CandidateType.HOST, CandidateType.SRFLX, ClientKind.CONSOLE);
            doctor.send(new ClientMessage.Quality(doctorSide));
            assertEquals(new ServerMessage.Quality(Role.DOCTOR, doctorSide),
                    patient.await(ServerMessage.Quality.class));

            doctor.send(new ClientMessage.EndCall());
            doctor.await(ServerMessage.CallEnded.class);
            long session = server.store().sessionsOf(id).getFirst().id();
            List<QualitySummary> stored = server.qualityStore().summariesOf(session);
            assertEquals(List.of(Role.DOCTOR, Role.PATIENT), stored.stream().map(QualitySummary::role).toList());
            assertEquals(45, stored.get(0).rttMedianMs());
            assertEquals(12.5, stored.get(1).receiveLossMedianPct());
            assertEquals(150, stored.get(1).sendKbpsLowest());
            assertEquals(List.of(CandidateType.SRFLX, CandidateType.RELAY),
                    List.of(stored.get(1).localCandidate(), stored.get(1).remoteCandidate()));
            assertEquals(ClientKind.BROWSER, stored.get(1).client());
            assertEquals(ClientKind.CONSOLE, stored.get(0).client());
        }
    }

    @Test
    void aFloodOfReportsIsLimitedLikeTheOtherCallStates() {
        long id = server.createAppointment("demo-doctor", "Noah Becker", Instant.now(), true);
        try (SocketClient doctor = SocketClient.room(server, id, server.doctorToken("demo-doctor"));
             SocketClient patient = SocketClient.room(server, id, server.patientToken(id))) {
            doctor.send(new ClientMessage.StartCall());
            patient.await(ServerMessage.ActiveCall.class);
            patient.send(new ClientMessage.JoinCall());
            patient.await(ServerMessage.JoinerConnected.class);
            for (int i = 0; i < 40; i++) {
                patient.send(new ClientMessage.Quality(QualityReport.levelOnly(QualityLevel.GOOD), "q-" + i));
            }
            ServerMessage.Error refused = patient.await(ServerMessage.Error.class);
            assertEquals(ErrorCode.RATE_LIMITED, refused.code());
            assertTrue(refused.requestId().startsWith("q-"), refused.requestId());
        }
    }
}
