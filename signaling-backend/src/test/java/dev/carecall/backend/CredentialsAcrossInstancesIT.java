package dev.carecall.backend;

import dev.carecall.backend.auth.TokenSettings;
import dev.carecall.backend.integration.Scope;
import dev.carecall.protocol.CallEndReason;
import dev.carecall.protocol.CallStatus;
import dev.carecall.protocol.ClientMessage;
import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.ProtocolCodec;
import dev.carecall.protocol.ServerMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What keeps people out works across instances, not per process: wrong sign-ins are counted once over both (Redis),
 * and a sign-out, a new join link or a cancellation on instance A closes the sockets that sit on instance B at once
 * (the room bus). The database refresh of sign-outs is set to an hour here, so only the bus can have told B.
 */
class CredentialsAcrossInstancesIT {
    private static final ProtocolCodec CODEC = new ProtocolCodec();
    private static TwoInstances cluster;

    @BeforeAll
    static void start() {
        TokenSettings tokens = TokenSettings.withSecret(UUID.randomUUID() + "-" + UUID.randomUUID());
        cluster = TwoInstances.start(TwoInstances.REDIS, new TokenSettings(tokens.secret(), tokens.doctorValidity(),
                tokens.patientLinkValidity(), Duration.ofHours(1)));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /**
     * Four wrong sign-ins on A (below every free count there), then the same name and address on B: counted per
     * process, B would answer 401 to each of its next four attempts (its own count stays below the five free ones);
     * counted in Redis, B's first failure is the fifth, so a following attempt must wait (429).
     */
    @Test
    void wrongSignInsAreCountedOnceOverBothInstances() {
        String name = "guessed-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 4; i++) {
            assertEquals(401, signIn(cluster.a(), name).statusCode(), "attempt " + (i + 1) + " on A");
        }
        List<Integer> onB = new ArrayList<>();
        for (int i = 0; i < 4 && !onB.contains(429); i++) {
            onB.add(signIn(cluster.b(), name).statusCode());
        }
        assertEquals(401, onB.getFirst(), "B's first attempt is the fifth failure, still answered: " + onB);
        assertTrue(onB.contains(429), "B made a later attempt wait, having counted A's failures: " + onB);
        assertTrue(TwoInstances.keys(cluster.redis()).stream().anyMatch(k -> k.contains(":signin:u:" + name)),
                "the account's count is in Redis");
    }

    @Test
    void signingOutOnOneInstanceClosesTheTokensSocketsOnTheOtherAtOnce() {
        String token = cluster.a().doctorToken("demo-doctor");
        try (SocketClient lobby = SocketClient.connect(cluster.b().webSocketBaseUri().resolve("/ws/lobby"))) {
            lobby.send(new ClientMessage.Register(token));
            lobby.expect(ServerMessage.Registered.class);
            assertEquals(204, TwoInstances.post(cluster.a(), "/api/auth/logout", token, null).statusCode());
            assertEquals(ErrorCode.TOKEN_REVOKED, lobby.await(ServerMessage.Error.class).code());
            lobby.awaitClose();
        }
        HttpResponse<String> onB = TwoInstances.get(cluster.b(), "/api/appointments", token);
        assertEquals(401, onB.statusCode(), onB.body());
        assertEquals(ErrorCode.TOKEN_REVOKED.name(), CODEC.tree(onB.body()).get("error").get("code").asText());
    }

    @Test
    void aNewJoinLinkOnOneInstanceClosesTheOldLinksSocketOnTheOther() {
        long id = cluster.a().createAppointment("demo-doctor", "Jonas Berg", Instant.now(), true);
        String doctor = cluster.a().doctorToken("demo-doctor");
        try (SocketClient patient = SocketClient.room(cluster.b(), id, cluster.a().patientToken(id))) {
            HttpResponse<String> reissued = TwoInstances.post(cluster.a(), "/api/appointments/" + id + "/join-link",
                    doctor, null);
            assertEquals(200, reissued.statusCode(), reissued.body());
            assertEquals(ErrorCode.LINK_REPLACED, patient.await(ServerMessage.Error.class).code());
            patient.awaitClose();
        }
    }

    /**
     * Both parties sit on B, so A (where the clinic's system cancels) has not even loaded the room: the call ends
     * all the same, the patient on B is told so and then why, and the socket closes.
     */
    @Test
    void cancellingOnOneInstanceEndsTheCallAndClosesThePatientsSocketOnTheOther() {
        String key = cluster.a().addServiceKey("booking-" + UUID.randomUUID().toString().substring(0, 8),
                EnumSet.of(Scope.APPOINTMENTS_WRITE), null).key();
        String externalId = "appt-" + UUID.randomUUID();
        HttpResponse<String> booked = TwoInstances.post(cluster.a(), "/api/integration/v1/appointments", key, """
                {"externalId":"%s","doctorUsername":"demo-doctor","patientName":"Ana Lima","scheduledAt":"%s",\
                "paid":true}""".formatted(externalId, Instant.now().plusSeconds(600)));
        assertEquals(201, booked.statusCode(), booked.body());
        long id = CODEC.tree(booked.body()).get("id").asLong();
        try (SocketClient doctor = SocketClient.room(cluster.b(), id, cluster.a().doctorToken("demo-doctor"));
             SocketClient patient = SocketClient.room(cluster.b(), id, cluster.a().patientToken(id))) {
            doctor.send(new ClientMessage.StartCall());
            doctor.await(ServerMessage.ActiveCall.class);
            patient.send(new ClientMessage.JoinCall());
            patient.await(ServerMessage.JoinerConnected.class);

            HttpResponse<String> cancelled = TwoInstances.post(cluster.a(),
                    "/api/integration/v1/appointments/" + externalId + "/cancel", key, null);
            assertEquals(200, cancelled.statusCode(), cancelled.body());
            assertEquals(CallEndReason.CANCELLED, patient.await(ServerMessage.CallEnded.class).reason());
            assertEquals(ErrorCode.APPOINTMENT_CANCELLED, patient.await(ServerMessage.Error.class).code());
            patient.awaitClose();
            assertEquals(CallEndReason.CANCELLED, doctor.await(ServerMessage.CallEnded.class).reason());
        }
        assertEquals(CallStatus.ENDED, cluster.a().store().findAppointment(id).orElseThrow().callStatus());
        assertFalse(cluster.a().store().sessionsOf(id).isEmpty());
    }

    private static HttpResponse<String> signIn(CareCallServer server, String name) {
        return TwoInstances.post(server, "/api/auth/login", null,
                "{\"username\":\"" + name + "\",\"password\":\"not the password\"}");
    }
}
