package dev.carecall.backend;

import dev.carecall.backend.ice.IceSettings;
import dev.carecall.protocol.ClientMessage;
import dev.carecall.protocol.IceServer;
import dev.carecall.protocol.ProtocolCodec;
import dev.carecall.protocol.Role;
import dev.carecall.protocol.ServerMessage;
import dev.carecall.protocol.rest.ServerInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The production layout: HTTPS for REST and pages, WSS on a port of its own, a certificate from PEM files, and
 * {@code /api/info} telling clients where the WebSocket is.
 */
class ProductionSocketsIT {
    private static final char[] STORE_PASSWORD = "changeit".toCharArray();
    private static final IceServer TURN = new IceServer(List.of("turn:turn.example.org:3478?transport=udp"),
            "carecall", "turn-secret");
    @TempDir
    static Path dir;
    /** Made when the fixture starts the server: after {@code dir} is there. */
    private static Certificate certificate;
    @RegisterExtension
    static final TestBackend BACKEND = TestBackend.with(settings -> settings.with(selfSignedCertificate(),
            new ServerSettings("127.0.0.1", 0, 0, null, null, List.of()), new IceSettings(List.of(TURN), null)));
    private final CareCallServer server = BACKEND.server();
    private final HttpClient trusting = trustingClient();

    /** A certificate for 127.0.0.1 made by the JDK's keytool, written as the PEM files production reads. */
    private static BackendSettings.TlsFiles selfSignedCertificate() {
        try {
            Path p12 = dir.resolve("server.p12");
            Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                    "-genkeypair", "-alias", "carecall", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                    "-dname", "CN=localhost", "-ext", "san=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
                    "-keystore", p12.toString(), "-storepass", "changeit", "-keypass", "changeit")
                    .redirectErrorStream(true).start();
            String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, keytool.waitFor(), output);

            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(p12)) {
                store.load(in, STORE_PASSWORD);
            }
            Key key = store.getKey("carecall", STORE_PASSWORD);
            certificate = store.getCertificate("carecall");
            Path certPem = dir.resolve("cert.pem");
            Path keyPem = dir.resolve("key.pem");
            Files.writeString(certPem, pem("CERTIFICATE", certificate.getEncoded()));
            Files.writeString(keyPem, pem("PRIVATE KEY", key.getEncoded()));
            return new BackendSettings.TlsFiles(certPem, keyPem);
        } catch (Exception e) {
            throw new AssertionError("could not make a test certificate", e);
        }
    }

    /** An HTTP client that trusts the test certificate only. */
    private static HttpClient trustingClient() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("carecall", certificate);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            return HttpClient.newBuilder().sslContext(ssl).build();
        } catch (Exception e) {
            throw new AssertionError("could not trust the test certificate", e);
        }
    }

    @Test
    void restIsHttpsAndTheWebSocketIsWssOnItsOwnPort() throws Exception {
        assertEquals("https", server.baseUri().getScheme());
        assertEquals("wss", server.webSocketBaseUri().getScheme());
        assertNotEquals(server.baseUri().getPort(), server.webSocketBaseUri().getPort());

        HttpResponse<String> info = trusting.send(HttpRequest.newBuilder(server.baseUri().resolve("/api/info"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(server.webSocketBaseUri().toString(),
                new ProtocolCodec().fromJson(info.body(), ServerInfo.class).websocketUrl());
        assertEquals("max-age=31536000", info.headers().firstValue("Strict-Transport-Security").orElse(""),
                "HSTS when the server speaks TLS");
        HttpResponse<String> page = trusting.send(HttpRequest.newBuilder(server.baseUri().resolve("/join/1?token=t"))
                .build(), HttpResponse.BodyHandlers.ofString());
        String csp = page.headers().firstValue("Content-Security-Policy").orElse("");
        assertTrue(csp.contains("connect-src 'self' " + server.webSocketBaseUri().toString().replaceAll("/$", "")),
                "the page may reach the WSS port of its own: " + csp);

        long id = server.demo().paidAppointmentId();
        try (SocketClient patient = SocketClient.connect(
                server.webSocketBaseUri().resolve("/ws/appointments/" + id), trusting)) {
            patient.send(new ClientMessage.Register(server.patientToken(id)));
            ServerMessage.Registered registered = patient.expect(ServerMessage.Registered.class);
            assertEquals(Role.PATIENT, registered.role());
            assertEquals(List.of(TURN), registered.iceServers(), "the configured TURN server reaches the clients");
        }
    }

    @Test
    void theWssPortRefusesAnotherSitesPage() {
        URI lobby = server.webSocketBaseUri().resolve("/ws/lobby");
        CompletionException refused = assertThrows(CompletionException.class,
                () -> SocketClient.connect(lobby, trusting, "https://evil.example"));
        assertTrue(refused.getCause() instanceof java.net.http.WebSocketHandshakeException h
                && h.getResponse().statusCode() == 403, String.valueOf(refused.getCause()));
    }

    @Test
    void theHttpsPortServesNoWebSocket() {
        URI wrong = URI.create("wss://127.0.0.1:" + server.baseUri().getPort() + "/ws/lobby");
        assertThrows(CompletionException.class, () -> SocketClient.connect(wrong, trusting));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
