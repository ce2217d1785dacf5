package dev.carecall.backend;

import dev.carecall.protocol.ServerMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The log as production writes it (the formatter {@code logging.properties} names): every line of a request or socket
 * event carries its request id and appointment id, the access log masks the join link's token, and nothing names a
 * person, a token or a password.
 */
class LogLinesIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final String PATIENT = "Ingrid Halvorsen";
    private static final String WRONG_PASSWORD = "not-the-password-4711";

    @RegisterExtension
    static final TestBackend BACKEND = TestBackend.withDefaults();
    private final CareCallServer server = BACKEND.server();
    private final List<String> lines = new ArrayList<>();
    private final Handler capture = new Handler() {
        private final Formatter production = productionFormatter();

        @Override
        public void publish(LogRecord record) {
            // Formatted here, on the thread that logs, as the console handler does: the context is bound there.
            String line = production.format(record);
            synchronized (lines) {
                lines.add(line);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stopListening() {
        Logger.getLogger("").removeHandler(capture);
    }

    @Test
    void theAccessLogLineOfAJoinLinkCarriesTheIdsButNotTheToken() throws Exception {
        long id = server.createAppointment("demo-doctor", PATIENT, Instant.now(), true);
        String token = server.patientToken(id);
        HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(server.patientJoinUrl(id))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode());
        String requestId = page.headers().firstValue("X-Request-Id").orElseThrow();

        String line = awaitLine("request_id=" + requestId + " ");
        assertTrue(line.contains(" appointment_id=" + id + " "), line);
        assertTrue(line.contains(" path=/join/" + id + "?token=* "), line);
        assertTrue(line.contains(" status=200 "), line);
        assertTrue(line.matches("time=\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z level=INFO logger=\\S+ .*\\R"),
                line);
        assertNothingPrivate(token);
    }

    @Test
    void aProxysRequestIdIsKeptAndErrorsAnswerWithTheirId() throws Exception {
        long id = server.createAppointment("demo-doctor", PATIENT, Instant.now(), true);
        HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(
                        server.baseUri().resolve("/api/appointments/" + id + "/call-status"))
                .header("X-Request-Id", "nginx-5f3a9c").header("Authorization", "Bearer garbage").build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, refused.statusCode());
        assertEquals("nginx-5f3a9c", refused.headers().firstValue("X-Request-Id").orElseThrow());
        assertTrue(awaitLine("request_id=nginx-5f3a9c ").contains(" appointment_id=" + id + " "));

        HttpResponse<String> signIn = HTTP.send(HttpRequest.newBuilder(server.baseUri().resolve("/api/auth/login"))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"demo-doctor\",\"password\":\"" + WRONG_PASSWORD + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, signIn.statusCode());
        awaitLine("request_id=" + signIn.headers().firstValue("X-Request-Id").orElseThrow() + " ");
        assertNothingPrivate(WRONG_PASSWORD);
    }

    @Test
    void eachSocketEventHasARequestIdOfItsOwnAndTheAppointmentId() {
        long id = server.createAppointment("demo-doctor", PATIENT, Instant.now(), true);
        String token = server.patientToken(id);
        try (SocketClient patient = SocketClient.room(server, id, token);
             SocketClient doctor = SocketClient.room(server, id, server.doctorToken("demo-doctor"))) {
            patient.expect(ServerMessage.PeerPresence.class);
        }
        String opened = awaitLine("msg=\"socket opened\"", " appointment_id=" + id + " ");
        String closed = awaitLine("msg=\"socket closed code=", " appointment_id=" + id + " ");
        assertNotEquals(requestId(opened), requestId(closed));
        assertNothingPrivate(token);
    }

    private void assertNothingPrivate(String secret) {
        synchronized (lines) {
            for (String line : lines) {
                assertFalse(line.contains(secret), "a secret in the log: " + line);
                assertFalse(line.contains(PATIENT), "a patient's name in the log: " + line);
                assertFalse(line.contains("demo-doctor"), "a user name in the log: " + line);
            }
        }
    }

    /** The first line that contains every part; waits for it, as the access log writes after the response. */
    private String awaitLine(String... parts) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> {
            synchronized (lines) {
                return lines.stream().filter(l -> List.of(parts).stream().allMatch(l::contains)).findFirst()
                        .orElse(null);
            }
        }, line -> line != null);
    }

    private static String requestId(String line) {
        return line.replaceFirst("^.* request_id=(\\S+) .*\\R?$", "$1");
    }

    /** The formatter production's {@code logging.properties} puts on the console. */
    private static Formatter productionFormatter() {
        try (InputStream in = LogLinesIT.class.getResourceAsStream("/logging.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return (Formatter) Class.forName(properties.getProperty("java.util.logging.ConsoleHandler.formatter"))
                    .getDeclaredConstructor().newInstance();
        } catch (Exception e) {
            throw new AssertionError("logging.properties names no formatter that loads", e);
        }
    }
}
