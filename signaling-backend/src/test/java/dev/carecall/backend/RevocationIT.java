package dev.carecall.backend;

import dev.carecall.protocol.ClientMessage;
import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.ProtocolCodec;
import dev.carecall.protocol.ServerMessage;
import dev.carecall.protocol.rest.ApiError;
import dev.carecall.protocol.rest.AppointmentView;
import dev.carecall.protocol.rest.LoginResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Signing out and sending a new join link take the old credential back: on REST, at register, and on open sockets.
 * (That a sign-out reaches other instances and survives a restart is in {@code StorageContract}, on H2 and
 * PostgreSQL.)
 */
class RevocationIT {
    private static final ProtocolCodec CODEC = new ProtocolCodec();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    @RegisterExtension
    static final TestBackend BACKEND = TestBackend.withDefaults();
    private final CareCallServer server = BACKEND.server();

    @Test
    void aSignedOutTokenIsRefusedOnRestAndAtRegisterWhileAnotherSignInKeepsWorking() throws Exception {
        String token = login();
        String other = login();
        assertEquals(200, get("/api/appointments", token).statusCode());

        HttpResponse<String> logout = post("/api/auth/logout", token);
        assertEquals(204, logout.statusCode(), logout.body());

        assertError(get("/api/appointments", token), 401, ErrorCode.TOKEN_REVOKED);
        assertError(post("/api/appointments/" + server.demo().paidAppointmentId() + "/start-call", token), 401,
                ErrorCode.TOKEN_REVOKED);
        assertError(post("/api/auth/logout", token), 401, ErrorCode.TOKEN_REVOKED);
        try (SocketClient lobby = SocketClient.connect(server.webSocketBaseUri().resolve("/ws/lobby"))) {
            lobby.send(new ClientMessage.Register(token));
            assertEquals(ErrorCode.TOKEN_REVOKED, lobby.expect(ServerMessage.Error.class).code());
            assertEquals(1008, lobby.awaitClose());
        }
        try (SocketClient room = SocketClient.connect(server.webSocketBaseUri()
                .resolve("/ws/appointments/" + server.demo().paidAppointmentId()))) {
            room.send(new ClientMessage.Register(token));
            assertEquals(ErrorCode.TOKEN_REVOKED, room.expect(ServerMessage.Error.class).code());
            assertEquals(1008, room.awaitClose());
        }
        assertEquals(200, get("/api/appointments", other).statusCode(), "the doctor's other sign-in still works");
    }

    @Test
    void signingOutClosesTheSocketsRegisteredWithThatTokenOnly() throws Exception {
        String token = login();
        String other = login();
        long id = server.createAppointment("demo-doctor", "Jonas Weber", Instant.now(), true);
        long otherId = server.createAppointment("demo-doctor", "Eva Braun", Instant.now(), true);
        try (SocketClient lobby = lobby(token); SocketClient room = SocketClient.room(server, id, token);
             SocketClient otherRoom = SocketClient.room(server, otherId, other)) {
            assertEquals(204, post("/api/auth/logout", token).statusCode());
            assertEquals(ErrorCode.TOKEN_REVOKED, lobby.await(ServerMessage.Error.class).code());
            assertEquals(1008, lobby.awaitClose());
            assertEquals(ErrorCode.TOKEN_REVOKED, room.await(ServerMessage.Error.class).code());
            assertEquals(1008, room.awaitClose());
            otherRoom.assertNothingElseThenPong();
        }
    }

    @Test
    void aNewJoinLinkRefusesTheOldOneAndClosesItsSocket() throws Exception {
        String doctor = login();
        long id = server.createAppointment("demo-doctor", "Clara Hoffmann", Instant.now().plusSeconds(600), true);
        String oldToken = server.patientToken(id);
        try (SocketClient patient = SocketClient.room(server, id, oldToken)) {
            HttpResponse<String> reissued = post("/api/appointments/" + id + "/join-link", doctor);
            assertEquals(200, reissued.statusCode(), reissued.body());
            AppointmentView view = CODEC.fromJson(reissued.body(), AppointmentView.class);
            assertEquals(id, view.id());
            String newToken = view.joinUrl().substring(view.joinUrl().indexOf("token=") + 6);
            assertNotEquals(oldToken, newToken);

            assertEquals(ErrorCode.LINK_REPLACED, patient.await(ServerMessage.Error.class).code());
            assertEquals(1008, patient.awaitClose());
            assertError(get("/api/appointments/" + id, oldToken), 401, ErrorCode.LINK_REPLACED);
            try (SocketClient again = SocketClient.connect(server.webSocketBaseUri().resolve("/ws/appointments/" + id))) {
                again.send(new ClientMessage.Register(oldToken));
                assertEquals(ErrorCode.LINK_REPLACED, again.expect(ServerMessage.Error.class).code());
                assertEquals(1008, again.awaitClose());
            }

            assertEquals(200, get("/api/appointments/" + id, newToken).statusCode());
            try (SocketClient fresh = SocketClient.room(server, id, newToken)) {
                fresh.assertNothingElseThenPong();
            }
            String listed = CODEC.listFromJson(get("/api/appointments", doctor).body(), AppointmentView.class)
                    .stream().filter(a -> a.id() == id).findFirst().orElseThrow().joinUrl();
            assertEquals(200, get("/api/appointments/" + id,
                    listed.substring(listed.indexOf("token=") + 6)).statusCode(), "the list hands out the new link");
        }
    }

    @Test
    void onlyTheAppointmentsOwnDoctorCanSendANewLink() throws Exception {
        long id = server.createAppointment("demo-doctor", "Paul Martin", Instant.now(), true);
        HttpResponse<String> stranger = post("/api/appointments/" + id + "/join-link", login("demo-doctor-2"));
        assertTrue(stranger.statusCode() == 403 || stranger.statusCode() == 404, stranger.body());
        assertError(post("/api/appointments/" + id + "/join-link", server.patientToken(id)), 403,
                ErrorCode.FORBIDDEN);
        assertError(post("/api/auth/logout", server.patientToken(id)), 403, ErrorCode.FORBIDDEN);
        assertError(post("/api/appointments/" + id + "/join-link", null), 401, ErrorCode.INVALID_TOKEN);
        assertEquals(200, get("/api/appointments/" + id, server.patientToken(id)).statusCode(),
                "refused attempts changed nothing");
    }

    private SocketClient lobby(String token) {
        SocketClient lobby = SocketClient.connect(server.webSocketBaseUri().resolve("/ws/lobby"));
        lobby.send(new ClientMessage.Register(token));
        lobby.expect(ServerMessage.Registered.class);
        return lobby;
    }

    private String login() throws Exception {
        return login("demo-doctor");
    }

    private String login(String username) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(server.baseUri().resolve("/api/auth/login"))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"" + username + "\",\"password\":\"demo-password\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return CODEC.fromJson(response.body(), LoginResponse.class).token();
    }

    private static void assertError(HttpResponse<String> response, int status, ErrorCode code) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(code, CODEC.fromJson(response.body(), ApiError.class).error().code(), response.body());
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return send(server, "GET", path, token);
    }

    private HttpResponse<String> post(String path, String token) throws IOException, InterruptedException {
        return send(server, "POST", path, token);
    }

    private static HttpResponse<String> send(CareCallServer to, String method, String path, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(to.baseUri().resolve(path)).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
