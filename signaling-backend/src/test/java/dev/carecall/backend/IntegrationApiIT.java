package dev.carecall.backend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carecall.backend.integration.Scope;
import dev.carecall.backend.integration.ServiceKeys;
import dev.carecall.protocol.ClientMessage;
import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.ProtocolCodec;
import dev.carecall.protocol.ServerMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The integration API as a clinic's booking and payment systems use it, over HTTP against a real server. */
class IntegrationApiIT {
    private static final ProtocolCodec CODEC = new ProtocolCodec();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final String API = "/api/integration/v1";
    private static final AtomicInteger IDS = new AtomicInteger();

    @RegisterExtension
    static final TestBackend BACKEND = TestBackend.withDefaults();
    private final CareCallServer server = BACKEND.server();

    @Test
    void aBookingSystemCreatesReadsAndUpdatesAppointmentsUnderItsOwnIds() throws Exception {
        String key = key(EnumSet.allOf(Scope.class));
        String doctorId = unique("doc");
        HttpResponse<String> doctor = call("POST", "/doctors", key, null, """
                {"externalId":"%s","username":"%s","displayName":"Dr. Lena Vogel","password":"long enough pw"}"""
                .formatted(doctorId, unique("vogel")));
        assertEquals(201, doctor.statusCode(), doctor.body());
        assertFalse(doctor.body().contains("password"), "a password never comes back: " + doctor.body());

        String externalId = unique("bk");
        HttpResponse<String> created = call("POST", "/appointments", key, null, """
                {"externalId":"%s","doctorExternalId":"%s","patientName":"Jonas Weber",
                 "scheduledAt":"2026-05-04T09:30:00+02:00","timeZone":"Europe/Berlin","language":"de",
                 "email":"jonas@example.org","phone":"+4930123456","paid":true}""".formatted(externalId, doctorId));
        assertEquals(201, created.statusCode(), created.body());
        JsonNode a = CODEC.tree(created.body());
        assertEquals(externalId, a.get("externalId").asText());
        assertEquals("2026-05-04T07:30:00Z", a.get("scheduledAt").asText());
        assertEquals("paid", a.get("paymentStatus").asText());
        long id = a.get("id").asLong();

        // The join link it answers works for the patient, like one from --add-appointment.
        URI joinUrl = URI.create(a.get("joinUrl").asText());
        String patientToken = joinUrl.getQuery().substring("token=".length());
        HttpResponse<String> asPatient = get("/api/appointments/" + id, patientToken);
        assertEquals(200, asPatient.statusCode(), asPatient.body());
        assertEquals("Jonas Weber", CODEC.tree(asPatient.body()).get("patientName").asText());

        HttpResponse<String> updated = call("PATCH", "/appointments/" + externalId, key, null, """
                {"scheduledAt":"2026-05-05T10:00:00Z","patientName":"Jonas K. Weber","email":null}""");
        assertEquals(200, updated.statusCode(), updated.body());
        JsonNode u = CODEC.tree(updated.body());
        assertEquals("2026-05-05T10:00:00Z", u.get("scheduledAt").asText());
        assertEquals("Jonas K. Weber", u.get("patientName").asText());
        assertTrue(u.get("email") == null || u.get("email").isNull(), "null clears the address");
        assertEquals("+4930123456", u.get("phone").asText(), "fields not sent stay as they were");

        HttpResponse<String> read = call("GET", "/appointments/" + externalId, key, null, null);
        assertEquals(u, CODEC.tree(read.body()));
        assertEquals(List.of("service:" + lastKeyName + " appointment-created",
                        "service:" + lastKeyName + " payment-paid", "service:" + lastKeyName + " invitation-queued",
                        "service:" + lastKeyName + " appointment-updated"),
                server.store().auditOf(id).stream().map(e -> e.actor() + " " + e.action()).toList());
        assertEquals(404, call("GET", "/appointments/nope-" + externalId, key, null, null).statusCode());
        assertEquals(409, call("POST", "/appointments", key, null, """
                {"externalId":"%s","doctorExternalId":"%s","patientName":"Someone","scheduledAt":"2026-05-04T09:30:00Z"}"""
                .formatted(externalId, doctorId)).statusCode(), "an externalId in use is a conflict, not a duplicate");
    }

    @Test
    void everyWrongFieldIsNamedInOneAnswer() throws Exception {
        String key = key(EnumSet.of(Scope.APPOINTMENTS_WRITE));
        HttpResponse<String> answer = call("POST", "/appointments", key, null, """
                {"externalId":"has space","doctorExternalId":"nobody-%s","scheduledAt":"tomorrow at nine",
                 "email":"not-an-address","phone":"0301234","language":"it","timeZone":"Mars/Olympus","paid":"yes"}"""
                .formatted(unique("x")));
        assertEquals(400, answer.statusCode(), answer.body());
        JsonNode error = CODEC.tree(answer.body()).get("error");
        assertEquals(ErrorCode.INVALID_FIELD.name(), error.get("code").asText());
        Set<String> wrong = new HashSet<>();
        error.get("fields").forEach(f -> wrong.add(f.get("field").asText() + ":" + f.get("problem").asText()));
        assertEquals(Set.of("externalId:invalid", "doctorExternalId:unknown_reference", "patientName:missing",
                "scheduledAt:invalid", "email:invalid", "phone:invalid", "language:invalid", "timeZone:invalid",
                "paid:invalid"), wrong);

        HttpResponse<String> notJson = call("POST", "/appointments", key, null, "{\"externalId\":");
        assertEquals(400, notJson.statusCode());
        assertEquals(ErrorCode.BAD_REQUEST.name(), CODEC.tree(notJson.body()).get("error").get("code").asText());
    }

    @Test
    void concurrentRetriesWithOneIdempotencyKeyMakeOneAppointment() throws Exception {
        String key = key(EnumSet.of(Scope.APPOINTMENTS_WRITE));
        String externalId = unique("retry");
        String body = """
                {"externalId":"%s","doctorUsername":"demo-doctor","patientName":"Ines Duarte",
                 "scheduledAt":"2026-06-01T08:00:00Z"}""".formatted(externalId);
        String idempotencyKey = unique("idem");
        int parallel = 8;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(parallel)) {
            for (int i = 0; i < parallel; i++) {
                answers.add(pool.submit(() -> {
                    go.await(10, TimeUnit.SECONDS);
                    return call("POST", "/appointments", key, idempotencyKey, body);
                }));
            }
            go.countDown();
            Set<Long> ids = new HashSet<>();
            for (Future<HttpResponse<String>> f : answers) {
                HttpResponse<String> r = f.get(60, TimeUnit.SECONDS);
                assertEquals(201, r.statusCode(), "each retry gets the first answer: " + r.body());
                ids.add(CODEC.tree(r.body()).get("id").asLong());
            }
            assertEquals(1, ids.size(), "one appointment for all retries");
            long id = ids.iterator().next();
            assertEquals(1, server.store().auditOf(id).stream()
                    .filter(e -> e.action().equals("appointment-created")).count());
        }
        HttpResponse<String> reused = call("POST", "/appointments", key, idempotencyKey,
                body.replace("Ines Duarte", "Someone Else"));
        assertEquals(409, reused.statusCode(), "a key reused for another request is refused: " + reused.body());
    }

    @Test
    void paymentDecidesWhetherACallMayStartAndEachChangeIsAudited() throws Exception {
        String booking = key(EnumSet.of(Scope.APPOINTMENTS_WRITE));
        String payments = key(EnumSet.of(Scope.PAYMENTS_WRITE));
        String paymentsName = lastKeyName;
        long id = createFor("demo-doctor", booking, false);
        String externalId = lastExternalId;
        String doctor = server.doctorToken("demo-doctor");

        assertEquals(402, post("/api/appointments/" + id + "/start-call", doctor).statusCode());
        assertEquals(403, call("POST", "/appointments/" + externalId + "/payment", booking, null,
                "{\"status\":\"paid\"}").statusCode(), "the booking key has no payments scope");
        HttpResponse<String> paid = call("POST", "/appointments/" + externalId + "/payment", payments, null,
                "{\"status\":\"paid\"}");
        assertEquals("paid", CODEC.tree(paid.body()).get("paymentStatus").asText(), paid.body());
        assertEquals(200, post("/api/appointments/" + id + "/start-call", doctor).statusCode());

        // Refunded during the call: the running call goes on to its end, a new one cannot start.
        HttpResponse<String> refunded = call("POST", "/appointments/" + externalId + "/payment", payments, null,
                "{\"status\":\"refunded\"}");
        assertEquals("refunded", CODEC.tree(refunded.body()).get("paymentStatus").asText());
        HttpResponse<String> status = get("/api/appointments/" + id + "/call-status", doctor);
        assertEquals("waiting", CODEC.tree(status.body()).get("callStatus").asText());
        assertEquals(200, post("/api/appointments/" + id + "/join-call", server.patientToken(id)).statusCode(),
                "the patient still joins the call that was running");
        assertEquals(200, post("/api/appointments/" + id + "/end-call", doctor).statusCode());
        assertEquals(402, post("/api/appointments/" + id + "/start-call", doctor).statusCode());

        HttpResponse<String> wrong = call("POST", "/appointments/" + externalId + "/payment", payments, null,
                "{\"status\":\"free\"}");
        assertEquals(400, wrong.statusCode());
        assertEquals("status", CODEC.tree(wrong.body()).get("error").get("fields").get(0).get("field").asText());
        List<String> audit = server.store().auditOf(id).stream().map(e -> e.actor() + " " + e.action()).toList();
        assertTrue(audit.contains("service:" + paymentsName + " payment-paid"), audit.toString());
        assertTrue(audit.contains("service:" + paymentsName + " payment-refunded"), audit.toString());
    }

    @Test
    void cancellingStopsTheLinkAtOnceAndTheDoctorsListHearsOfIt() throws Exception {
        String key = key(EnumSet.of(Scope.APPOINTMENTS_WRITE));
        try (SocketClient lobby = SocketClient.connect(server.webSocketBaseUri().resolve("/ws/lobby"))) {
            lobby.send(new ClientMessage.Register(server.doctorToken("demo-doctor")));
            lobby.expect(ServerMessage.Registered.class);
            long id = createFor("demo-doctor", key, true);
            String externalId = lastExternalId;
            assertEquals(new ServerMessage.AppointmentChanged(id), lobby.await(ServerMessage.AppointmentChanged.class),
                    "a booking shows up in the open list");
            String patient = server.patientToken(id);
            try (SocketClient room = SocketClient.room(server, id, patient)) {
                HttpResponse<String> cancelled = call("POST", "/appointments/" + externalId + "/cancel", key,
                        null, null);
                assertEquals(200, cancelled.statusCode(), cancelled.body());
                assertTrue(CODEC.tree(cancelled.body()).get("cancelled").asBoolean());
                assertTrue(CODEC.tree(cancelled.body()).get("joinUrl").isNull(), "a cancelled appointment has no link");
                ServerMessage.Error told = room.await(ServerMessage.Error.class);
                assertEquals(ErrorCode.APPOINTMENT_CANCELLED, told.code());
                room.awaitClose();
            }
            assertEquals(new ServerMessage.AppointmentChanged(id), lobby.await(ServerMessage.AppointmentChanged.class));
            HttpResponse<String> page = get("/api/appointments/" + id, patient);
            assertEquals(410, page.statusCode());
            assertEquals(ErrorCode.APPOINTMENT_CANCELLED.name(),
                    CODEC.tree(page.body()).get("error").get("code").asText());
            assertEquals(410, post("/api/appointments/" + id + "/start-call", server.doctorToken("demo-doctor"))
                    .statusCode(), "the doctor cannot start it either");
            assertEquals(410, call("PATCH", "/appointments/" + externalId, key, null,
                    "{\"patientName\":\"Too Late\"}").statusCode());
        }
    }

    @Test
    void onlyAValidKeyWithTheRightScopeIsServed() throws Exception {
        String booking = key(EnumSet.of(Scope.APPOINTMENTS_WRITE));
        assertEquals(401, call("GET", "/appointments/x", null, null, null).statusCode());
        assertEquals(401, call("GET", "/appointments/x", "cck_not-a-real-key", null, null).statusCode());
        assertEquals(401, call("GET", "/appointments/x", server.doctorToken("demo-doctor"), null, null)
                .statusCode(), "a doctor's sign-in is not a service key");
        HttpResponse<String> forbidden = call("POST", "/doctors", booking, null,
                "{\"externalId\":\"d\",\"username\":\"someone\",\"displayName\":\"Dr. X\"}");
        assertEquals(403, forbidden.statusCode());
        assertTrue(forbidden.body().contains("doctors:write"), forbidden.body());
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private String lastKeyName;
    private String lastExternalId;

    private String key(Set<Scope> scopes) {
        lastKeyName = unique("clinic");
        ServiceKeys.NewKey made = server.addServiceKey(lastKeyName, scopes, null);
        return made.key();
    }

    private long createFor(String doctorUsername, String key, boolean paid) throws Exception {
        lastExternalId = unique("appt");
        HttpResponse<String> r = call("POST", "/appointments", key, null, """
                {"externalId":"%s","doctorUsername":"%s","patientName":"Ana Lima","scheduledAt":"%s","paid":%s}"""
                .formatted(lastExternalId, doctorUsername, Instant.now().plusSeconds(600), paid));
        assertEquals(201, r.statusCode(), r.body());
        return CODEC.tree(r.body()).get("id").asLong();
    }

    private static String unique(String prefix) {
        return prefix + "-" + IDS.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 100000, 36);
    }

    private HttpResponse<String> call(String method, String path, String key, String idempotencyKey, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.baseUri().resolve(API + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        if (idempotencyKey != null) {
            b.header("Idempotency-Key", idempotencyKey);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(server.baseUri().resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(server.baseUri().resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
