package dev.carecall.backend;

import dev.carecall.protocol.CallEvent;
import dev.carecall.protocol.CallStatus;
import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.ProtocolCodec;
import dev.carecall.protocol.Role;
import dev.carecall.protocol.rest.ApiError;
import dev.carecall.protocol.rest.AppointmentView;
import dev.carecall.protocol.rest.CallEventView;
import dev.carecall.protocol.rest.CallSessionView;
import dev.carecall.protocol.rest.CallStatusView;
import dev.carecall.protocol.rest.LoginResponse;
import dev.carecall.protocol.rest.ServerInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The REST API and the pages, as a client sees them over HTTP. */
class RestApiIT {
    private static final ProtocolCodec CODEC = new ProtocolCodec();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    @RegisterExtension
    static final TestBackend BACKEND = TestBackend.withDefaults();
    private final CareCallServer server = BACKEND.server();
    private final DemoData demo = server.demo();

    @Test
    void infoSaysWhereTheWebSocketIs() throws Exception {
        ServerInfo info = CODEC.fromJson(get("/api/info", null).body(), ServerInfo.class);
        assertEquals("CareCall", info.product());
        assertEquals(1, info.protocolVersion());
        assertEquals(server.webSocketBaseUri().toString(), info.websocketUrl());
    }

    @Test
    void aDoctorSignsInAndSeesOnlyOwnAppointmentsWithWorkingJoinLinks() throws Exception {
        HttpResponse<String> login = post("/api/auth/login", null,
                "{\"username\":\"demo-doctor\",\"password\":\"demo-password\"}");
        assertEquals(200, login.statusCode(), login.body());
        LoginResponse signedIn = CODEC.fromJson(login.body(), LoginResponse.class);
        assertEquals("Dr. Ana Costa", signedIn.doctor().displayName());
        assertTrue(signedIn.expiresAt().isAfter(Instant.now()));

        HttpResponse<String> list = get("/api/appointments", signedIn.token());
        assertEquals(200, list.statusCode());
        Map<Long, AppointmentView> byId = CODEC.listFromJson(list.body(), AppointmentView.class).stream()
                .collect(Collectors.toMap(AppointmentView::id, a -> a));
        assertTrue(byId.keySet().containsAll(List.of(demo.paidAppointmentId(), demo.unpaidAppointmentId(),
                demo.endedCallAppointmentId())));
        assertFalse(byId.containsKey(demo.otherDoctorAppointmentId()), "another doctor's appointment is hidden");
        assertFalse(byId.get(demo.unpaidAppointmentId()).paid());
        assertEquals(CallStatus.ENDED, byId.get(demo.endedCallAppointmentId()).callStatus());

        URI joinUrl = URI.create(byId.get(demo.paidAppointmentId()).joinUrl());
        assertEquals("/join/" + demo.paidAppointmentId(), joinUrl.getPath());
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(joinUrl).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElseThrow(),
                "the token in the link must not leak to other sites");
        assertFalse(page.body().contains("carecall-test-hooks"), "a patient's page never exposes the test hooks");

        String patientToken = joinUrl.getQuery().substring("token=".length());
        AppointmentView seenByPatient = CODEC.fromJson(
                get("/api/appointments/" + demo.paidAppointmentId(), patientToken).body(), AppointmentView.class);
        assertEquals("Dr. Ana Costa", seenByPatient.doctorName());
        assertNull(seenByPatient.joinUrl(), "the patient does not get the link again");
    }

    @Test
    void wrongCredentialsAndBadBodiesAreClearErrors() throws Exception {
        assertError(post("/api/auth/login", null, "{\"username\":\"demo-doctor\",\"password\":\"guess\"}"),
                401, ErrorCode.INVALID_CREDENTIALS);
        assertError(post("/api/auth/login", null, "{\"username\":\"nobody\",\"password\":\"guess\"}"),
                401, ErrorCode.INVALID_CREDENTIALS);
        assertError(post("/api/auth/login", null, "{not json"), 400, ErrorCode.BAD_REQUEST);
        assertError(post("/api/auth/login", null, "{\"username\":\"demo-doctor\"}"), 400, ErrorCode.BAD_REQUEST);
        assertError(post("/api/auth/login", null, "[1,2]"), 400, ErrorCode.BAD_REQUEST);
    }

    @Test
    void guessingPasswordsIsSlowedDown() throws Exception {
        String guess = "{\"username\":\"demo-doctor-2\",\"password\":\"guess\"}";
        for (int i = 0; i < 5; i++) {
            assertError(post("/api/auth/login", null, guess), 401, ErrorCode.INVALID_CREDENTIALS);
        }
        // Past the free failures each further one makes the next attempt wait longer (1 s, 2 s, 4 s, ...).
        java.util.Set<Integer> statuses = new java.util.TreeSet<>();
        for (int i = 0; i < 10; i++) {
            statuses.add(post("/api/auth/login", null, guess).statusCode());
        }
        assertTrue(statuses.contains(429) && java.util.Set.of(401, 429).containsAll(statuses), statuses.toString());
    }

    @Test
    void appointmentsNeedTheRightToken() throws Exception {
        String doctor = server.doctorToken("demo-doctor");
        String patient = server.patientToken(demo.paidAppointmentId());
        assertError(get("/api/appointments", null), 401, ErrorCode.INVALID_TOKEN);
        assertError(get("/api/appointments", "garbage"), 401, ErrorCode.INVALID_TOKEN);
        assertError(get("/api/appointments", patient), 403, ErrorCode.FORBIDDEN);
        assertError(get("/api/appointments/" + demo.otherDoctorAppointmentId(), doctor), 404,
                ErrorCode.APPOINTMENT_NOT_FOUND);
        assertError(post("/api/appointments/" + demo.otherDoctorAppointmentId() + "/start-call", doctor, ""),
                404, ErrorCode.APPOINTMENT_NOT_FOUND);
        assertError(get("/api/appointments/" + demo.unpaidAppointmentId() + "/call-status", patient),
                403, ErrorCode.WRONG_APPOINTMENT);
        assertError(get("/api/appointments/987654", doctor), 404, ErrorCode.APPOINTMENT_NOT_FOUND);
        assertError(get("/api/appointments/abc", doctor), 400, ErrorCode.BAD_REQUEST);
        assertError(get("/api/appointments/1/start-call", doctor), 400, ErrorCode.BAD_REQUEST);
        assertError(get("/api/nothing-here", null), 400, ErrorCode.BAD_REQUEST);
    }

    @Test
    void callEndpointsFollowTheCallsLife() throws Exception {
        String doctor = server.doctorToken("demo-doctor");
        long id = server.createAppointment("demo-doctor", "Hannah Weber", Instant.now(), true);
        String patient = server.patientToken(id);
        String path = "/api/appointments/" + id;

        assertEquals(CallStatus.INACTIVE, status(get(path + "/call-status", doctor)).callStatus());
        assertError(post(path + "/join-call", doctor, ""), 409, ErrorCode.NO_ACTIVE_CALL);
        assertError(post(path + "/end-call", doctor, ""), 409, ErrorCode.NO_ACTIVE_CALL);
        assertError(post("/api/appointments/" + demo.unpaidAppointmentId() + "/start-call", doctor, ""),
                402, ErrorCode.PAYMENT_REQUIRED);

        CallStatusView waiting = status(post(path + "/start-call", patient, ""));
        assertEquals(CallStatus.WAITING, waiting.callStatus());
        assertEquals(Role.PATIENT, waiting.startedBy());
        CallStatusView active = status(post(path + "/join-call", doctor, ""));
        assertEquals(CallStatus.ACTIVE, active.callStatus());
        assertEquals(waiting.sessionId(), active.sessionId());
        CallStatusView ended = status(post(path + "/end-call", doctor, ""));
        assertEquals(CallStatus.ENDED, ended.callStatus());
        assertTrue(ended.endedAt() != null && !ended.endedAt().isBefore(ended.startedAt()));

        CallStatusView again = status(post(path + "/start-call", doctor, ""));
        // The history is the doctor's: a join link does not open the consultation's record.
        assertError(get(path + "/call-history", patient), 403, ErrorCode.FORBIDDEN);
        List<CallSessionView> history = CODEC.listFromJson(get(path + "/call-history", doctor).body(),
                CallSessionView.class);
        assertEquals(List.of(again.sessionId(), waiting.sessionId()),
                history.stream().map(CallSessionView::id).toList(), "newest first");
        CallSessionView first = history.get(1);
        assertEquals(List.of(CallEvent.START_CALL, CallEvent.JOIN_CALL, CallEvent.END_CALL),
                first.events().stream().map(CallEventView::event).toList());
        assertEquals(Role.DOCTOR, first.endedBy());
    }

    @Test
    void theDemoHistoryHoldsTheEndedCall() throws Exception {
        List<CallSessionView> history = CODEC.listFromJson(get("/api/appointments/" + demo.endedCallAppointmentId()
                + "/call-history", server.doctorToken("demo-doctor")).body(), CallSessionView.class);
        assertEquals(1, history.size());
        assertEquals(CallStatus.ENDED, history.getFirst().status());
        assertEquals(2, history.getFirst().transcript().size(), "the demo call has a chat to read");
    }

    @Test
    void patientPageFilesAreServedSafely() throws Exception {
        HttpResponse<String> missing = get("/patient/no-such-file.js", null);
        assertEquals(404, missing.statusCode());
        assertEquals(400, get("/patient/..%2Fapplication.yaml", null).statusCode());
        assertEquals(400, get("/patient/.hidden", null).statusCode());
        HttpResponse<String> module = get("/patient/app.js", null);
        assertEquals(200, module.statusCode());
        assertTrue(module.headers().firstValue("Content-Type").orElseThrow().startsWith("text/javascript"),
                "browsers refuse ES modules of any other type");
        HttpResponse<String> styles = get("/patient/styles.css", null);
        assertTrue(styles.headers().firstValue("Content-Type").orElseThrow().startsWith("text/css"));
        HttpResponse<String> index = get("/patient/index.html", null);
        assertEquals(200, index.statusCode());
        assertTrue(index.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
    }

    @Test
    void aPathNobodyServesIsNotFoundNotAServerError() throws Exception {
        for (String path : List.of("/favicon.ico", "/ws/nothing", "/wp-login.php")) {
            HttpResponse<String> missing = get(path, null);
            assertEquals(404, missing.statusCode(), path + ": " + missing.body());
            assertTrue(missing.headers().firstValue("X-Request-Id").isPresent());
        }
    }

    @Test
    void healthSaysUpWithoutDetailsInPublic() throws Exception {
        HttpResponse<String> health = get("/observe/health", null);
        assertTrue(health.statusCode() == 200 || health.statusCode() == 204, "UP: " + health.statusCode());
        assertFalse(health.body().contains("database") || health.body().contains("jdbc"),
                "the public answer names no part of the server: " + health.body());
    }

    private static CallStatusView status(HttpResponse<String> response) {
        assertEquals(200, response.statusCode(), response.body());
        return CODEC.fromJson(response.body(), CallStatusView.class);
    }

    private static void assertError(HttpResponse<String> response, int status, ErrorCode code) {
        assertEquals(status, response.statusCode(), response.body());
        ApiError error = CODEC.fromJson(response.body(), ApiError.class);
        assertEquals(code, error.error().code(), response.body());
        assertFalse(error.error().message().isBlank());
        assertFalse(response.body().contains("Exception"), "no stack traces: " + response.body());
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return HTTP.send(request(path, token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String token, String body)
            throws IOException, InterruptedException {
        return HTTP.send(request(path, token).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.baseUri().resolve(path)).timeout(Duration.ofSeconds(10));
        return token == null ? b : b.header("Authorization", "Bearer " + token);
    }
}
