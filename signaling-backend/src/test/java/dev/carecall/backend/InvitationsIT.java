package dev.carecall.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.sun.net.httpserver.HttpServer;
import dev.carecall.backend.integration.Scope;
import dev.carecall.backend.invitations.InvitationSettings;
import dev.carecall.protocol.ProtocolCodec;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Invitations as the patient receives them: a real SMTP server (GreenMail) gets the mail, a real HTTP server plays the
 * clinic's SMS gateway; the link in the mail opens the appointment.
 */
class InvitationsIT {
    private static final ProtocolCodec CODEC = new ProtocolCodec();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern LINK = Pattern.compile("https?://\\S+/join/\\d+\\?token=[A-Za-z0-9._-]+");
    private static final AtomicInteger IDS = new AtomicInteger();

    private static GreenMail mail;
    private static HttpServer smsGateway;
    private static final List<JsonNode> SMS = new CopyOnWriteArrayList<>();
    private static volatile int smsAnswer = 200;
    private static CareCallServer server;
    private static String key;

    @BeforeAll
    static void start() throws IOException {
        mail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        mail.start();
        smsGateway = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        smsGateway.createContext("/sms", exchange -> {
            SMS.add(CODEC.tree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(smsAnswer, -1);
            exchange.close();
        });
        smsGateway.start();
        InvitationSettings invitations = InvitationSettings.DEFAULTS
                .withSmtp("127.0.0.1", mail.getSmtp().getPort())
                .withSmsGateway(URI.create("http://127.0.0.1:" + smsGateway.getAddress().getPort() + "/sms"), null)
                .withReminderBefore(Duration.ofSeconds(4));
        server = CareCallServer.start(BackendSettings.forTests().with(invitations));
        key = server.addServiceKey("booking", EnumSet.of(Scope.APPOINTMENTS_WRITE), null).key();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        smsGateway.stop(0);
        mail.stop();
    }

    @Test
    void aBookingSendsTheLinkByMailAndSmsInThePatientsLanguageAndTimeZone() throws Exception {
        String email = "jonas" + IDS.incrementAndGet() + "@example.org";
        long id = book(email, "+4930123456", "2027-05-04T09:30:00+02:00", "Europe/Berlin", "de");

        MimeMessage received = awaitMail(email, 1).getFirst();
        assertEquals("Ihre Videosprechstunde bei Dr. Ana Costa", received.getSubject());
        assertEquals(email, received.getRecipients(Message.RecipientType.TO)[0].toString());
        assertEquals("auto-generated", received.getHeader("Auto-Submitted")[0]);
        assertTrue(received.getContentType().startsWith("multipart/mixed"), received.getContentType());
        Multipart mixed = (Multipart) received.getContent();
        Multipart alternative = (Multipart) mixed.getBodyPart(0).getContent();
        String plain = text(alternative.getBodyPart(0));
        String html = text(alternative.getBodyPart(1));
        assertTrue(alternative.getBodyPart(0).isMimeType("text/plain"));
        assertTrue(alternative.getBodyPart(1).isMimeType("text/html"));
        assertTrue(plain.contains("Guten Tag Jonas Weber"), plain);
        assertTrue(plain.contains("09:30") && plain.contains("(Europe/Berlin)"), "the patient's own clock: " + plain);
        assertTrue(html.contains("href=\"" + link(plain) + "\""), html);

        BodyPart ics = mixed.getBodyPart(1);
        assertEquals("appointment.ics", ics.getFileName());
        assertTrue(ics.isMimeType("text/calendar"), ics.getContentType());
        String calendar = text(ics);
        assertTrue(calendar.contains("DTSTART:20270504T073000Z"), calendar);
        assertTrue(calendar.replace("\r\n ", "").contains("URL:" + link(plain)), calendar);

        // The link from the mail opens this appointment for the patient.
        URI opened = URI.create(link(plain));
        assertEquals("/join/" + id, opened.getPath());
        HttpResponse<String> asPatient = HTTP.send(HttpRequest.newBuilder(server.baseUri()
                        .resolve("/api/appointments/" + id))
                .header("Authorization", "Bearer " + opened.getQuery().substring("token=".length())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, asPatient.statusCode(), asPatient.body());

        await().atMost(WAIT).until(() -> SMS.stream().anyMatch(s -> s.get("text").asText().contains("/join/" + id)));
        JsonNode sms = SMS.stream().filter(s -> s.get("text").asText().contains("/join/" + id)).findFirst()
                .orElseThrow();
        assertEquals("+4930123456", sms.get("to").asText());
        assertTrue(sms.get("text").asText().startsWith("Videosprechstunde bei Dr. Ana Costa"), sms.toString());

        await().atMost(WAIT).until(() -> "sent".equals(doctorsView(id).path("invitation").asText()));
        assertTrue(server.store().auditOf(id).stream().anyMatch(e -> e.action().equals("invitation-queued")));
    }

    @Test
    void aReminderFollowsTheConfiguredTimeBeforeAndSendLinkSendsAgain() throws Exception {
        String email = "ana" + IDS.incrementAndGet() + "@example.org";
        long id = book(email, null, Instant.now().plusSeconds(8).toString(), null, null);
        List<MimeMessage> two = awaitMail(email, 2);
        assertEquals("Your video consultation with Dr. Ana Costa", two.get(0).getSubject());
        assertEquals("Reminder: your video consultation with Dr. Ana Costa", two.get(1).getSubject());

        // The doctor makes a new link first: the earlier mails' links stop working, the one sent now works.
        HttpResponse<String> newLink = HTTP.send(HttpRequest.newBuilder(server.baseUri()
                        .resolve("/api/appointments/" + id + "/join-link"))
                .header("Authorization", "Bearer " + server.doctorToken("demo-doctor"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, newLink.statusCode(), newLink.body());
        HttpResponse<String> sent = HTTP.send(HttpRequest.newBuilder(server.baseUri()
                        .resolve("/api/appointments/" + id + "/send-link"))
                .header("Authorization", "Bearer " + server.doctorToken("demo-doctor"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(202, sent.statusCode(), sent.body());
        List<MimeMessage> three = awaitMail(email, 3);
        assertEquals(3, three.size());
        HttpResponse<String> oldLink = asPatient(id, plainText(two.get(0)));
        assertEquals(401, oldLink.statusCode(), oldLink.body());
        assertTrue(oldLink.body().contains("LINK_REPLACED"), oldLink.body());
        HttpResponse<String> mailedLink = asPatient(id, plainText(three.get(2)));
        assertEquals(200, mailedLink.statusCode(), "the link sent after the new one was made: " + mailedLink.body());
        HttpResponse<String> other = HTTP.send(HttpRequest.newBuilder(server.baseUri()
                        .resolve("/api/appointments/" + id + "/send-link"))
                .header("Authorization", "Bearer " + server.doctorToken("demo-doctor-2"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        // Another doctor's appointment is "not found", as everywhere in the API, so ids cannot be probed.
        assertEquals(404, other.statusCode(), "another doctor cannot send it");
        assertTrue(other.body().contains("APPOINTMENT_NOT_FOUND"), other.body());
    }

    @Test
    void anSmsTheGatewayRefusesShowsAsFailed() throws Exception {
        smsAnswer = 422;
        try {
            long id = book(null, "+4915112345678", "2027-06-01T08:00:00Z", null, "en");
            await().atMost(WAIT).until(() -> "failed".equals(doctorsView(id).path("invitation").asText()));
        } finally {
            smsAnswer = 200;
        }
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    private static long book(String email, String phone, String at, String zone, String language) throws Exception {
        String body = "{\"externalId\":\"inv-" + IDS.incrementAndGet() + "\",\"doctorUsername\":\"demo-doctor\","
                + "\"patientName\":\"Jonas Weber\",\"scheduledAt\":\"" + at + "\",\"paid\":true"
                + (email == null ? "" : ",\"email\":\"" + email + "\"")
                + (phone == null ? "" : ",\"phone\":\"" + phone + "\"")
                + (zone == null ? "" : ",\"timeZone\":\"" + zone + "\"")
                + (language == null ? "" : ",\"language\":\"" + language + "\"") + "}";
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(server.baseUri()
                        .resolve("/api/integration/v1/appointments"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, r.statusCode(), r.body());
        return CODEC.tree(r.body()).get("id").asLong();
    }

    private static JsonNode doctorsView(long id) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(server.baseUri().resolve("/api/appointments"))
                .header("Authorization", "Bearer " + server.doctorToken("demo-doctor")).build(),
                HttpResponse.BodyHandlers.ofString());
        for (JsonNode a : CODEC.tree(r.body())) {
            if (a.get("id").asLong() == id) {
                return a;
            }
        }
        throw new AssertionError("appointment " + id + " is not in the list");
    }

    private static List<MimeMessage> awaitMail(String to, int count) {
        await().atMost(WAIT).until(() -> to(to).size() >= count);
        return to(to);
    }

    private static List<MimeMessage> to(String address) {
        return Stream.of(mail.getReceivedMessages()).filter(m -> {
            try {
                return m.getRecipients(Message.RecipientType.TO)[0].toString().equals(address);
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }

    /** The plain-text part of an invitation mail. */
    private static String plainText(MimeMessage mail) throws Exception {
        Multipart mixed = (Multipart) mail.getContent();
        return text(((Multipart) mixed.getBodyPart(0).getContent()).getBodyPart(0));
    }

    /** Opens the appointment with the token of the join link in {@code text}, as the patient's page does. */
    private HttpResponse<String> asPatient(long id, String text) throws Exception {
        URI opened = URI.create(link(text));
        return HTTP.send(HttpRequest.newBuilder(server.baseUri().resolve("/api/appointments/" + id))
                .header("Authorization", "Bearer " + opened.getQuery().substring("token=".length())).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String link(String text) {
        Matcher m = LINK.matcher(text);
        assertTrue(m.find(), "a join link in " + text);
        return m.group();
    }

    private static String text(BodyPart part) throws Exception {
        Object content = part.getContent();
        if (content instanceof String s) {
            return s;
        }
        try (InputStream in = (InputStream) content; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}
