package dev.carecall.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import dev.carecall.backend.BackendSettings;
import dev.carecall.backend.CareCallServer;
import dev.carecall.backend.integration.Scope;
import dev.carecall.backend.invitations.InvitationSettings;
import dev.carecall.console.call.CallPhase;
import dev.carecall.e2e.browser.Browser;
import dev.carecall.e2e.browser.BrowserOptions;
import dev.carecall.e2e.browser.PatientBrowser;
import dev.carecall.protocol.ProtocolCodec;
import dev.carecall.protocol.Role;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The clinic's whole flow in one: the booking system books over the integration API, the payment system marks it
 * paid, the invitation mail reaches a real SMTP server (GreenMail), Chromium opens the link from that mail, the
 * patient calls the doctor's console engine, and the clinic's webhook receiver gets a correctly signed
 * {@code call.ended}.
 */
class BookingToCallIT {
    private static final ProtocolCodec CODEC = new ProtocolCodec();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern LINK = Pattern.compile("https?://\\S+/join/\\d+\\?token=[A-Za-z0-9._-]+");

    @Test
    void bookingPaymentInvitationMailCallAndSignedCallEndedWebhook() throws Exception {
        GreenMail mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        List<String[]> hooks = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            hooks.add(new String[]{exchange.getRequestHeaders().getFirst("CareCall-Signature"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)});
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        InvitationSettings invitations = InvitationSettings.DEFAULTS.withSmtp("127.0.0.1", mail.getSmtp().getPort());
        try (CareCallServer server = CareCallServer.start(BackendSettings.forTests()
                .with(invitations));
             PatientBrowser page = Browser.CHROMIUM.launch(BrowserOptions.desktop())) {
            var key = server.addServiceKey("clinic", EnumSet.of(Scope.APPOINTMENTS_WRITE, Scope.PAYMENTS_WRITE),
                    URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks"));

            JsonNode booked = CODEC.tree(integration(server, key.key(), "/appointments", "{\"externalId\":\"e2e-1\","
                    + "\"doctorUsername\":\"demo-doctor\",\"patientName\":\"Clara Jung\",\"scheduledAt\":\""
                    + Instant.now().plus(5, ChronoUnit.MINUTES) + "\",\"timeZone\":\"Europe/Berlin\","
                    + "\"language\":\"en\",\"email\":\"clara@example.org\"}"));
            long id = booked.get("id").asLong();
            assertEquals("paid", CODEC.tree(integration(server, key.key(), "/appointments/e2e-1/payment",
                    "{\"status\":\"paid\"}")).get("paymentStatus").asText());

            await().atMost(Duration.ofSeconds(60)).until(() -> mail.getReceivedMessages().length == 1);
            MimeMessage invitation = mail.getReceivedMessages()[0];
            String plain = (String) ((Multipart) ((Multipart) invitation.getContent()).getBodyPart(0).getContent())
                    .getBodyPart(0).getContent();
            Matcher link = LINK.matcher(plain);
            assertTrue(link.find(), plain);

            try (DoctorSide doctor = Consultation.doctor(server, id)) {
                page.open(link.group());
                assertEquals("Start Call", page.until(page::enabledPrimary));
                page.click("primary-action");
                doctor.awaitPhase(CallPhase.INCOMING);
                doctor.engine.joinCall();
                Consultation.awaitMediaBothWays(page, doctor, "from the invitation mail");
                page.screenshot("booked-call");
                page.click("end-call");
                doctor.awaitPhase(CallPhase.ENDED);
            }

            await().atMost(Duration.ofSeconds(60)).until(() -> hooks.stream()
                    .anyMatch(h -> h[1].contains("\"type\":\"call.ended\"")));
            String[] ended = hooks.stream().filter(h -> h[1].contains("\"type\":\"call.ended\"")).findFirst()
                    .orElseThrow();
            assertTrue(verified(key.webhookSecret(), ended[0], ended[1]), "signed with the key's webhook secret");
            JsonNode data = CODEC.tree(ended[1]).get("data");
            assertEquals(id, data.get("appointmentId").asLong());
            assertEquals("e2e-1", data.get("externalId").asText());
            assertEquals(Role.PATIENT.wireName(), data.get("endedBy").asText());
            assertTrue(data.get("durationSeconds").asLong() >= 1, data.toString());
            System.out.println("booking to call: webhooks received " + hooks.size() + ", call.ended " + data);

            // Cancelled: the same link from the mail now says so.
            integration(server, key.key(), "/appointments/e2e-1/cancel", "");
            page.open(link.group());
            assertEquals("This appointment was cancelled", page.visibleText("notice-title"));
            assertTrue(page.visibleText("notice-text").contains("contact your clinic"));
            page.screenshot("cancelled-link");
        } finally {
            receiver.stop(0);
            mail.stop();
        }
    }

    private static String integration(CareCallServer server, String key, String path, String body) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(server.baseUri()
                        .resolve("/api/integration/v1" + path))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(r.statusCode() / 100 == 2, r.body());
        return r.body();
    }

    /** As PROTOCOL.md tells clinics: HMAC-SHA256 over "t.body", compared in constant time, t within 5 minutes. */
    private static boolean verified(String secret, String header, String body) throws Exception {
        String t = header.replaceAll("^t=(\\d+),.*$", "$1");
        String v1 = header.replaceAll("^.*v1=([0-9a-f]+)$", "$1");
        if (Math.abs(Instant.now().getEpochSecond() - Long.parseLong(t)) > 300) {
            return false;
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)))
                .getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, v1.getBytes(StandardCharsets.UTF_8));
    }
}
