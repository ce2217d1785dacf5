package dev.carecall.backend;

import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.ServerMessage;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static dev.carecall.backend.HostileInputIT.CODEC;
import static dev.carecall.backend.HostileInputIT.MARK;
import static dev.carecall.backend.HostileInputIT.WAIT;

/**
 * Credentials used again after they were taken back, or after they ran out, and requests replayed: a signed-out
 * doctor token (on REST, signing out once more, at register in the lobby and in a room), a sign-out while that
 * token's lobby socket is open, a replaced join link (on REST, at register, and a new link sent while the old one's
 * socket is open), expired doctor and patient tokens, a live join link replayed from a second connection (the older
 * socket is closed 4001), and an Idempotency-Key replayed with another body. Each answer must be the typed one:
 * {@code TOKEN_REVOKED}, {@code LINK_REPLACED}, {@code TOKEN_EXPIRED}, {@code REPLACED_BY_NEW_CONNECTION} or
 * {@code CONFLICT}, with close 1008 (4001 for the replaced socket) where a socket is involved.
 * <p>
 * Everything happens in rooms of the other doctor ({@code demo-doctor-2}). The two inputs that change a room's seats
 * or link (a new link while a socket is open, a link replayed from a second connection) each have a room of their
 * own and run one at a time, whichever thread sends them; so do the sign-outs of an open lobby socket (a doctor has
 * one lobby socket, and a second one replaces the first).
 */
final class TakenBackTokens implements HostileInputIT.Category {
    private static final String DOCTOR = "demo-doctor-2";
    private static final int VARIANTS = 13;

    private final CareCallServer server;
    private final URI lobby;
    /** Signs the other doctor's new links. */
    private final String doctorToken;
    /** Sign-ins of the other doctor that were signed out at the start. */
    private final List<String> signedOut;
    /** A room whose first link was replaced at the start, and that first link. */
    private final long replacedLinkRoom;
    private final String replacedLink;
    /** Gets a new link while its patient's socket is open, one input at a time. */
    private final long reissueRoom;
    /** Gets its live link registered twice, one input at a time. */
    private final long replayRoom;
    /** An Idempotency-Key whose first request (a new appointment) ran at the start. */
    private final String usedKey = MARK + "replayed-key";
    private final Object reissueLock = new Object();
    /** The other doctor has one lobby socket: a second one replaces the first (4001), so one input at a time. */
    private final Object lobbyLock = new Object();
    private final Object replayLock = new Object();

    TakenBackTokens(HostileInputIT.Run run) throws Exception {
        server = run.server();
        lobby = server.webSocketBaseUri().resolve("/ws/lobby");
        doctorToken = server.doctorToken(DOCTOR);
        List<String> tokens = List.of(server.doctorToken(DOCTOR), server.doctorToken(DOCTOR),
                server.doctorToken(DOCTOR));
        for (String token : tokens) {
            expectStatus(204, run.send(bearer(run.request("/api/auth/logout"), token)
                    .POST(HttpRequest.BodyPublishers.noBody())));
        }
        signedOut = tokens;
        replacedLinkRoom = appointment(MARK + "replaced link");
        replacedLink = server.patientToken(replacedLinkRoom);
        expectStatus(200, newLink(run, replacedLinkRoom));
        reissueRoom = appointment(MARK + "new link");
        replayRoom = appointment(MARK + "replayed link");
        expectStatus(201, run.send(bearer(run.request("/api/integration/v1/appointments"), run.serviceKey)
                .header("Idempotency-Key", usedKey)
                .POST(HttpRequest.BodyPublishers.ofString(appointmentBody("first")))));
    }

    @Override
    public String name() {
        return "replayed, revoked, expired";
    }

    @Override
    public int count() {
        return 1300;
    }

    @Override
    public void send(HostileInputIT.Run run, int i) throws Exception {
        String revoked = signedOut.get(i % signedOut.size());
        String expiredDoctor = run.sameSecret.doctorToken(2, DOCTOR, Instant.now().minusSeconds(1 + i % 600));
        switch (i % VARIANTS) {
            case 0 -> answered(run, ErrorCode.TOKEN_REVOKED, run.send(bearer(run.request(List.of("/api/appointments",
                    "/api/appointments/" + replacedLinkRoom, "/api/appointments/" + replacedLinkRoom + "/call-status")
                    .get(i / VARIANTS % 3)), revoked).GET()));
            case 1 -> answered(run, ErrorCode.TOKEN_REVOKED, run.send(bearer(run.request("/api/auth/logout"),
                    revoked).POST(HttpRequest.BodyPublishers.noBody())));
            case 2 -> refusedAtRegister(run, lobby, revoked, ErrorCode.TOKEN_REVOKED);
            case 3 -> refusedAtRegister(run, roomUri(replacedLinkRoom), revoked, ErrorCode.TOKEN_REVOKED);
            case 4 -> signedOutWhileOpen(run);
            case 5 -> answered(run, ErrorCode.LINK_REPLACED, run.send(bearer(run.request("/api/appointments/"
                    + replacedLinkRoom + (i % 2 == 0 ? "" : "/call-status")), replacedLink).GET()));
            case 6 -> refusedAtRegister(run, roomUri(replacedLinkRoom), replacedLink, ErrorCode.LINK_REPLACED);
            case 7 -> newLinkWhileOpen(run);
            case 8 -> answered(run, ErrorCode.TOKEN_EXPIRED, run.send(bearer(run.request(i % 2 == 0
                    ? "/api/appointments" : "/api/appointments/" + replacedLinkRoom + "/start-call"), expiredDoctor)
                    .method(i % 2 == 0 ? "GET" : "POST", HttpRequest.BodyPublishers.noBody())));
            case 9 -> refusedAtRegister(run, i % 2 == 0 ? lobby : roomUri(replayRoom), expiredDoctor,
                    ErrorCode.TOKEN_EXPIRED);
            case 10 -> {
                String expiredLink = run.sameSecret.patientToken(replayRoom, 1, Instant.now().minusSeconds(1 + i));
                if (i % 2 == 0) {
                    refusedAtRegister(run, roomUri(replayRoom), expiredLink, ErrorCode.TOKEN_EXPIRED);
                } else {
                    answered(run, ErrorCode.TOKEN_EXPIRED, run.send(bearer(run.request("/api/appointments/"
                            + replayRoom), expiredLink).GET()));
                }
            }
            case 11 -> liveLinkReplayed(run);
            default -> answered(run, ErrorCode.CONFLICT, run.send(bearer(run.request(
                    "/api/integration/v1/appointments"), run.serviceKey).header("Idempotency-Key", usedKey)
                    .POST(HttpRequest.BodyPublishers.ofString(appointmentBody("again " + i)))));
        }
    }

    /** A REST answer that must carry this code (typed, as {@link HostileInputIT.Run#rest} checks, and this one). */
    private static void answered(HostileInputIT.Run run, ErrorCode expected, HttpResponse<String> response) {
        String code;
        try {
            code = CODEC.tree(response.body()).path("error").path("code").asText("");
        } catch (RuntimeException e) {
            code = ""; // not JSON: a failure below
        }
        if (expected.name().equals(code)) {
            run.rest(expected.name(), response);
        } else {
            run.failure("expected " + expected + " but got " + response.statusCode() + " "
                    + HostileInputIT.abbreviate(response.body()));
        }
    }

    /** A sign-in whose lobby socket is open signs out: the socket gets TOKEN_REVOKED and close 1008. */
    private void signedOutWhileOpen(HostileInputIT.Run run) throws Exception {
        String token = server.doctorToken(DOCTOR);
        synchronized (lobbyLock) {
            try (SocketClient socket = registered(run, lobby, token)) {
                expectStatus(204, run.send(bearer(run.request("/api/auth/logout"), token)
                        .POST(HttpRequest.BodyPublishers.noBody())));
                closedWith(run, socket, ErrorCode.TOKEN_REVOKED, 1008, "signed out while open");
            }
        }
    }

    /** The doctor sends a new link while the old one's socket is open: it gets LINK_REPLACED and close 1008. */
    private void newLinkWhileOpen(HostileInputIT.Run run) throws Exception {
        synchronized (reissueLock) {
            try (SocketClient socket = registered(run, roomUri(reissueRoom), server.patientToken(reissueRoom))) {
                expectStatus(200, newLink(run, reissueRoom));
                closedWith(run, socket, ErrorCode.LINK_REPLACED, 1008, "new link while open");
            }
        }
    }

    /** Someone replays a live link from a second connection: the older socket gets 4001, the newer is seated. */
    private void liveLinkReplayed(HostileInputIT.Run run) {
        synchronized (replayLock) {
            String link = server.patientToken(replayRoom);
            try (SocketClient first = registered(run, roomUri(replayRoom), link);
                 SocketClient second = registered(run, roomUri(replayRoom), link)) {
                closedWith(run, first, ErrorCode.REPLACED_BY_NEW_CONNECTION, 4001, "live link replayed");
                second.assertNothingElseThenPong();
            }
        }
    }

    private static void refusedAtRegister(HostileInputIT.Run run, URI uri, String token, ErrorCode expected) {
        try (SocketClient socket = SocketClient.connect(uri, run.http())) {
            socket.sendText("{\"type\":\"register\",\"token\":\"" + token + "\"}");
            ServerMessage answer = socket.poll(WAIT);
            int close = socket.closeCodeWithin(WAIT);
            if (answer instanceof ServerMessage.Error error && error.code() == expected && close == 1008) {
                run.outcome("error " + error.code() + ", close " + close);
            } else {
                run.failure("register expecting " + expected + " -> " + answer + ", close " + close);
            }
        }
    }

    /** Skips what a registered socket hears (presence, the call's state) up to the error, then wants the close. */
    private static void closedWith(HostileInputIT.Run run, SocketClient socket, ErrorCode code, int closeCode,
                                   String what) {
        ServerMessage answer = null;
        for (int skipped = 0; skipped < 20 && !(answer instanceof ServerMessage.Error); skipped++) {
            answer = socket.poll(WAIT);
            if (answer == null) {
                break;
            }
        }
        int close = socket.closeCodeWithin(WAIT);
        if (answer instanceof ServerMessage.Error error && error.code() == code && close == closeCode) {
            run.outcome("error " + code + ", close " + close);
        } else {
            run.failure(what + " -> " + answer + ", close " + close);
        }
    }

    private static SocketClient registered(HostileInputIT.Run run, URI uri, String token) {
        SocketClient socket = SocketClient.connect(uri, run.http());
        socket.sendText("{\"type\":\"register\",\"token\":\"" + token + "\"}");
        socket.expect(ServerMessage.Registered.class);
        return socket;
    }

    private HttpResponse<String> newLink(HostileInputIT.Run run, long id) throws Exception {
        return run.send(bearer(run.request("/api/appointments/" + id + "/join-link"), doctorToken)
                .POST(HttpRequest.BodyPublishers.noBody()));
    }

    private long appointment(String patientName) {
        return server.createAppointment(DOCTOR, patientName, Instant.now(), true);
    }

    private URI roomUri(long id) {
        return server.webSocketBaseUri().resolve("/ws/appointments/" + id);
    }

    private static String appointmentBody(String patient) {
        return CODEC.toJson(Map.of("externalId", MARK + "replayed", "doctorUsername", DOCTOR,
                "patientName", MARK + patient, "scheduledAt", "2030-01-01T10:00:00Z"));
    }

    private static HttpRequest.Builder bearer(HttpRequest.Builder request, String token) {
        return request.header("Authorization", "Bearer " + token);
    }

    private static void expectStatus(int status, HttpResponse<String> response) {
        if (response.statusCode() != status) {
            throw new AssertionError("expected " + status + " but got " + response.statusCode() + ": "
                    + HostileInputIT.abbreviate(response.body()));
        }
    }
}
