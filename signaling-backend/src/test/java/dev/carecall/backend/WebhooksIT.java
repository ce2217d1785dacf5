package dev.carecall.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.carecall.backend.integration.Scope;
import dev.carecall.backend.outbox.OutboxEntry;
import dev.carecall.backend.storage.DatabaseSettings;
import dev.carecall.protocol.ProtocolCodec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Webhooks as a clinic's receiver sees them: a real HTTP server (the JDK's) that checks every signature the way
 * PROTOCOL.md tells clinics to, answers 500 for a while, and counts what arrives.
 */
class WebhooksIT {
    private static final ProtocolCodec CODEC = new ProtocolCodec();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private final Receiver receiver = new Receiver();

    @AfterEach
    void stopReceiver() {
        receiver.server.stop(0);
    }

    @Test
    void aCallSendsSignedEventsAndAFailedDeliveryIsRetried() throws Exception {
        try (CareCallServer server = CareCallServer.start(BackendSettings.forTests())) {
            receiver.failFirst.set(1);
            receiver.secret = server.addServiceKey("hooks", EnumSet.of(Scope.APPOINTMENTS_WRITE), receiver.uri())
                    .webhookSecret();
            long id = server.createAppointment("demo-doctor", "Elif Kaya", Instant.now(), true);

            post(server, id, "start-call", server.patientToken(id));
            post(server, id, "join-call", server.doctorToken("demo-doctor"));
            post(server, id, "end-call", server.doctorToken("demo-doctor"));

            await().atMost(WAIT).until(() -> receiver.acceptedTypes().size() == 4);
            // Each event once; the one answered with 500 arrives after the others (it waited for its retry).
            assertEquals(List.of("call.ended", "call.joined", "call.started", "patient.waiting"),
                    receiver.acceptedTypes().stream().sorted().toList());
            assertTrue(receiver.deliveries.stream().allMatch(d -> d.signatureValid),
                    "every request, retries too, carries a valid signature over timestamp and body");
            Delivery first = receiver.deliveries.getFirst();
            assertEquals(500, first.answered);
            assertEquals(2, receiver.deliveries.stream().filter(d -> d.eventId.equals(first.eventId)).count(),
                    "the event answered with 500 came again, with the same id");

            JsonNode ended = receiver.accepted("call.ended").body.get("data");
            assertEquals(id, ended.get("appointmentId").asLong());
            assertEquals("hangup", ended.get("reason").asText());
            assertEquals("doctor", ended.get("endedBy").asText());
            assertTrue(ended.get("durationSeconds").asLong() >= 0, ended.toString());

            await().atMost(WAIT).until(() -> server.outbox().ofAppointment(id).stream()
                    .allMatch(e -> e.status().equals(OutboxEntry.SENT)));
            System.out.println("webhook attempts per event: " + server.outbox().ofAppointment(id).stream()
                    .map(e -> e.attempts()).toList());
        }
    }

    @Test
    void aRestartInTheMiddleOfARetryLosesNothing() throws Exception {
        BackendSettings settings = BackendSettings.forTests()
                .with(new DatabaseSettings("jdbc:h2:file:" + dir.resolve("carecall"), "sa", ""));
        long id;
        receiver.failFirst.set(Integer.MAX_VALUE);
        try (CareCallServer first = CareCallServer.start(settings)) {
            receiver.secret = first.addServiceKey("hooks", EnumSet.of(Scope.APPOINTMENTS_WRITE), receiver.uri())
                    .webhookSecret();
            id = first.createAppointment("demo-doctor", "Elif Kaya", Instant.now(), true);
            post(first, id, "start-call", first.doctorToken("demo-doctor"));
            post(first, id, "end-call", first.doctorToken("demo-doctor"));
            await().atMost(WAIT).until(() -> receiver.deliveries.size() >= 2);
        }
        int failedBeforeRestart = receiver.deliveries.size();
        receiver.failFirst.set(0);
        try (CareCallServer second = CareCallServer.start(settings)) {
            await().atMost(WAIT).until(() -> receiver.acceptedTypes().size() == 2);
            assertEquals(List.of("call.ended", "call.started"), receiver.acceptedTypes().stream().sorted().toList(),
                    "both events arrive once after the restart");
            await().atMost(WAIT).until(() -> second.outbox().ofAppointment(id).stream()
                    .allMatch(e -> e.status().equals(OutboxEntry.SENT)));
        }
        System.out.println("refused before the restart: " + failedBeforeRestart + ", requests in all: "
                + receiver.deliveries.size());
    }

    private static void post(CareCallServer server, long id, String action, String token) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(
                        server.baseUri().resolve("/api/appointments/" + id + "/" + action))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
    }

    /** One request the receiver got. */
    private record Delivery(String eventId, String type, JsonNode body, boolean signatureValid, int answered) {
    }

    /** A clinic's webhook endpoint: verifies, records, answers 500 to the first {@code failFirst} requests. */
    private static final class Receiver {
        final HttpServer server;
        final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
        final AtomicInteger failFirst = new AtomicInteger();
        volatile String secret;

        Receiver() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/hooks", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                boolean valid = verify(exchange.getRequestHeaders().getFirst("CareCall-Signature"), body);
                int status = !valid ? 400 : failFirst.getAndDecrement() > 0 ? 500 : 204;
                JsonNode json = CODEC.tree(body);
                deliveries.add(new Delivery(json.get("id").asText(), json.get("type").asText(), json, valid, status));
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            server.start();
        }

        URI uri() {
            return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hooks");
        }

        /** As a clinic checks it: HMAC-SHA256 of "t.body" with the secret, and t within five minutes of now. */
        boolean verify(String header, String body) {
            if (header == null || secret == null) {
                return false;
            }
            Map<String, String> parts = java.util.Arrays.stream(header.split(","))
                    .map(p -> p.split("=", 2)).collect(Collectors.toMap(p -> p[0], p -> p[1]));
            long t = Long.parseLong(parts.get("t"));
            if (Math.abs(Instant.now().getEpochSecond() - t) > 300) {
                return false;
            }
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                String expected = HexFormat.of().formatHex(mac.doFinal((t + "." + body)
                        .getBytes(StandardCharsets.UTF_8)));
                return java.security.MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                        parts.get("v1").getBytes(StandardCharsets.UTF_8));
            } catch (Exception e) {
                return false;
            }
        }

        List<String> acceptedTypes() {
            return deliveries.stream().filter(d -> d.answered == 204).map(Delivery::type).toList();
        }

        Delivery accepted(String type) {
            return deliveries.stream().filter(d -> d.answered == 204 && d.type.equals(type)).findFirst()
                    .orElseThrow();
        }
    }
}
