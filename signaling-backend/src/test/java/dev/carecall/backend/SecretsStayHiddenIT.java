package dev.carecall.backend;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import dev.carecall.backend.integration.Scope;
import dev.carecall.backend.integration.ServiceKeys;
import dev.carecall.backend.invitations.InvitationSettings;
import dev.carecall.backend.outbox.OutboxEntry;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * After it is made, no secret of the integration (service key, webhook secret, SMTP password) appears in any log
 * record or any API answer, while everything that uses them runs: authenticated API calls and refused ones, signed
 * webhooks with a retry, a mail sent with an SMTP sign-in.
 */
class SecretsStayHiddenIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SMTP_PASSWORD = "smtp-Pa55word-never-logged";

    @Test
    void noSecretReachesALogOrAnAnswer() throws Exception {
        List<String> logged = new CopyOnWriteArrayList<>();
        List<String> answered = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            private final SimpleFormatter format = new SimpleFormatter();

            @Override
            public void publish(LogRecord record) {
                logged.add(format.format(record));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        capture.setLevel(Level.ALL);
        Logger root = Logger.getLogger("");
        root.addHandler(capture);

        GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        mail.setUser("carecall@clinic.example", "carecall-smtp", SMTP_PASSWORD);
        AtomicInteger hooks = new AtomicInteger();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(hooks.getAndIncrement() == 0 ? 500 : 204, -1);
            exchange.close();
        });
        receiver.start();
        InvitationSettings invitations = InvitationSettings.DEFAULTS
                .withSmtp("127.0.0.1", mail.getSmtp().getPort())
                .withSmtpLogin("carecall-smtp", SMTP_PASSWORD);
        try (CareCallServer server = CareCallServer.start(BackendSettings.forTests()
                .with(invitations))) {
            ServiceKeys.NewKey made = server.addServiceKey("secrets", EnumSet.of(Scope.APPOINTMENTS_WRITE),
                    URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks"));
            String key = made.key();
            String api = server.baseUri() + "/api/integration/v1";

            answered.add(send(HttpRequest.newBuilder(URI.create(api + "/appointments"))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"externalId\":\"s-1\",\"doctorUsername\":"
                            + "\"demo-doctor\",\"patientName\":\"Mia Roth\",\"scheduledAt\":\""
                            + Instant.now().plusSeconds(3600) + "\",\"paid\":true,\"email\":\"mia@example.org\"}"))));
            answered.add(send(HttpRequest.newBuilder(URI.create(api + "/appointments"))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"externalId\":\"bad id\"}"))));
            answered.add(send(HttpRequest.newBuilder(URI.create(api + "/doctors"))
                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}"))));
            answered.add(send(HttpRequest.newBuilder(URI.create(api + "/appointments/s-1"))
                    .header("Authorization", "Bearer " + key.substring(0, key.length() - 2) + "xx")));
            answered.add(send(HttpRequest.newBuilder(URI.create(api + "/appointments/s-1"))
                    .header("Authorization", "Bearer " + key)));

            long id = server.createAppointment("demo-doctor", "Ben Otto", Instant.now(), true);
            String doctor = server.doctorToken("demo-doctor");
            for (String action : List.of("start-call", "end-call")) {
                answered.add(send(HttpRequest.newBuilder(server.baseUri().resolve("/api/appointments/" + id + "/"
                        + action)).header("Authorization", "Bearer " + doctor)
                        .POST(HttpRequest.BodyPublishers.noBody())));
            }
            answered.add(send(HttpRequest.newBuilder(server.baseUri().resolve("/api/appointments"))
                    .header("Authorization", "Bearer " + doctor)));

            await().atMost(Duration.ofSeconds(60)).until(() -> mail.getReceivedMessages().length == 1);
            await().atMost(Duration.ofSeconds(60)).until(() -> server.outbox().ofAppointment(id).size() == 2
                    && server.outbox().ofAppointment(id).stream()
                    .allMatch(e -> e.status().equals(OutboxEntry.SENT)));
            assertTrue(hooks.get() >= 3, "a webhook was refused once and sent again");

            for (String secret : List.of(key, made.webhookSecret(), SMTP_PASSWORD)) {
                assertFalse(logged.stream().anyMatch(l -> l.contains(secret)), "a log record holds a secret");
                assertFalse(answered.stream().anyMatch(a -> a.contains(secret)), "an answer holds a secret");
            }
            assertTrue(logged.stream().anyMatch(l -> l.contains("email delivered")),
                    "the captured log is the one the deliveries write to");
            assertTrue(logged.stream().anyMatch(l -> l.contains("/api/integration/v1/appointments")),
                    "the access log is captured too");
        } finally {
            root.removeHandler(capture);
            receiver.stop(0);
            mail.stop();
        }
    }

    private static String send(HttpRequest.Builder request) throws Exception {
        HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() < 500, r.body());
        return r.headers().map() + "\n" + r.body();
    }

    @Test
    void settingsPrintNoPassword() {
        String printed = InvitationSettings.DEFAULTS.withSmtpLogin("u", SMTP_PASSWORD)
                .withSmsGateway(URI.create("https://sms.example/send"), "sms-token-secret").toString();
        assertFalse(printed.contains(SMTP_PASSWORD) || printed.contains("sms-token-secret"), printed);
        assertEquals(-1, new ServiceKeys.NewKey("n", "cck_secret", "whsec_secret").toString().indexOf("secret"));
    }
}
