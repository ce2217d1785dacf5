package dev.carecall.backend;

import dev.carecall.protocol.ClientMessage;
import dev.carecall.protocol.SdpType;
import dev.carecall.protocol.SignalPayload;
import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.ProtocolCodec;
import dev.carecall.protocol.ServerMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /observe/metrics} as a clinic's Prometheus scrapes it, before, during and after a real call between two
 * real sockets: every counter and gauge of the call moves by exactly what happened.
 */
class MetricsIT {
    private static final ProtocolCodec CODEC = new ProtocolCodec();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    /** A sample line of the Prometheus text format: {@code name{label="value",...} 1.0}. */
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    @RegisterExtension
    static final TestBackend BACKEND = TestBackend.withDefaults();
    private final CareCallServer server = BACKEND.server();

    @Test
    void aCallMovesItsCountersAndGaugesAsItHappens() throws Exception {
        Scrape before = scrape();
        long id = server.createAppointment("demo-doctor", "Kofi Mensah", Instant.now(), true);
        try (SocketClient doctor = SocketClient.room(server, id, server.doctorToken("demo-doctor"));
             SocketClient patient = SocketClient.room(server, id, server.patientToken(id))) {
            doctor.expect(ServerMessage.PeerPresence.class);
            awaitDelta(before, 1, "carecall_sockets_open", "role", "doctor");
            awaitDelta(before, 1, "carecall_sockets_open", "role", "patient");

            doctor.send(new ClientMessage.StartCall());
            doctor.expect(ServerMessage.ActiveCall.class);
            patient.expect(ServerMessage.ActiveCall.class);
            awaitDelta(before, 1, "carecall_calls_waiting");
            awaitDelta(before, 1, "carecall_calls_started_total", "role", "doctor");

            patient.send(new ClientMessage.JoinCall());
            doctor.expect(ServerMessage.JoinerConnected.class);
            patient.expect(ServerMessage.JoinerConnected.class);
            doctor.send(new ClientMessage.Signal(SignalPayload.SessionDescription.of(SdpType.OFFER, "v=0 offer")));
            patient.expect(ServerMessage.Signal.class);

            Scrape during = awaitDelta(before, 1, "carecall_calls_active");
            assertDelta(before, during, 0, "carecall_calls_waiting");
            assertDelta(before, during, 1, "carecall_calls_joined_total", "role", "patient");
            assertDelta(before, during, 1, "carecall_signals_relayed_total");
            assertTrue(during.value("carecall_room_queue_wait_seconds_count")
                    >= before.value("carecall_room_queue_wait_seconds_count") + 4, "register x2, start, join, signal");

            patient.send(new ClientMessage.EndCall());
            doctor.expect(ServerMessage.CallEnded.class);
            Scrape ended = awaitDelta(before, 1, "carecall_calls_ended_total", "reason", "hangup");
            assertDelta(before, ended, 0, "carecall_calls_active");
        }
        awaitDelta(before, 0, "carecall_sockets_open", "role", "doctor");
        awaitDelta(before, 0, "carecall_sockets_open", "role", "patient");
    }

    @Test
    void refusedSocketsAndSignInsAreCountedByErrorCode() throws Exception {
        Scrape before = scrape();
        long id = server.createAppointment("demo-doctor", "Nadia Petrova", Instant.now(), true);
        try (SocketClient stranger = SocketClient.connect(
                server.webSocketBaseUri().resolve("/ws/appointments/" + id))) {
            stranger.send(new ClientMessage.Register("not-a-token"));
            assertEquals(ErrorCode.INVALID_TOKEN, stranger.expect(ServerMessage.Error.class).code());
        }
        HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(server.baseUri().resolve("/api/auth/login"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"demo-doctor\",\"password\":\"guess\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, refused.statusCode());

        Scrape after = awaitDelta(before, 1, "carecall_register_failures_total", "code", "INVALID_TOKEN");
        assertDelta(before, after, 1, "carecall_signin_failures_total", "code", "INVALID_CREDENTIALS");
        assertTrue(after.value("http_server_requests_seconds_count", "method", "POST", "status", "401") >= 1,
                "the refused sign-in is an HTTP request of its route and status:\n" + after.text);
        assertTrue(after.value("requests_count_total") > before.value("requests_count_total"),
                "Helidon's own request count moves too");
    }

    @Test
    void theScrapeIsPrometheusTextWithHelpForEveryMeter() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(server.baseUri().resolve("/observe/metrics"))
                .header("Accept", "text/plain").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain"));
        for (String meter : new String[]{"carecall_calls_waiting", "carecall_calls_active", "carecall_sockets_open",
                "carecall_calls_started_total", "carecall_calls_ended_total", "carecall_room_queue_wait_seconds",
                "carecall_signals_relayed_total"}) {
            assertTrue(response.body().contains("# HELP " + meter.replaceFirst("_total$", "")),
                    meter + " is missing:\n" + response.body());
        }
    }

    private Scrape awaitDelta(Scrape before, double delta, String name, String... labels) {
        return await().atMost(Duration.ofSeconds(10)).until(this::scrape,
                now -> now.value(name, labels) == before.value(name, labels) + delta);
    }

    private static void assertDelta(Scrape before, Scrape after, double delta, String name, String... labels) {
        assertEquals(before.value(name, labels) + delta, after.value(name, labels), name + " " + String.join("=",
                labels));
    }

    private Scrape scrape() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(server.baseUri().resolve("/observe/metrics"))
                .header("Accept", "text/plain").build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return new Scrape(response.body());
    }

    /** One answer of the endpoint, read as Prometheus would. */
    private record Scrape(String text) {
        /** The sum of the samples of this name whose labels include the given pairs; 0 when there is none. */
        double value(String name, String... labelPairs) {
            double sum = 0;
            for (String line : text.split("\n")) {
                Matcher m = SAMPLE.matcher(line.strip());
                if (line.startsWith("#") || !m.matches() || !m.group(1).equals(name)) {
                    continue;
                }
                Map<String, String> labels = new HashMap<>();
                Matcher l = LABEL.matcher(m.group(3) == null ? "" : m.group(3));
                while (l.find()) {
                    labels.put(l.group(1), l.group(2));
                }
                boolean all = true;
                for (int i = 0; i + 1 < labelPairs.length; i += 2) {
                    all &= labelPairs[i + 1].equals(labels.get(labelPairs[i]));
                }
                if (all) {
                    sum += Double.parseDouble(m.group(4));
                }
            }
            return sum;
        }
    }
}
