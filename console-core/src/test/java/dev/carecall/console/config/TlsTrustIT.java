package dev.carecall.console.config;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.carecall.console.api.ApiException;
import dev.carecall.console.api.CareCallApi;
import dev.carecall.protocol.ProtocolCodec;
import dev.carecall.protocol.rest.ServerInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@code tls.caCertificate}: a clinic's own CA (made here with the JDK's keytool) is trusted only when configured,
 * and an untrusted certificate is reported as such. The HTTPS side is the JDK's HttpsServer answering
 * {@code /api/info}, since the point is the client's trust, not the backend.
 */
class TlsTrustIT {
    @TempDir
    static Path dir;
    private static HttpsServer server;
    private static URI base;
    private static Path caPem;

    @BeforeAll
    static void clinicServer() throws Exception {
        String pass = "changeit";
        // Three keytool runs (each is a JVM start): the CA, a server key signed by it, the CA's PEM.
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-ext", "bc:c", "-dname", "CN=Clinic Test CA",
                "-keystore", "clinic.p12", "-storepass", pass);
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-dname", "CN=127.0.0.1", "-signer", "ca",
                "-ext", "san=ip:127.0.0.1", "-keystore", "clinic.p12", "-storepass", pass);
        keytool("-exportcert", "-alias", "ca", "-keystore", "clinic.p12", "-storepass", pass, "-rfc",
                "-file", "ca.pem");
        caPem = dir.resolve("ca.pem");

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(dir.resolve("clinic.p12"))) {
            keys.load(in, pass.toCharArray());
        }
        // The server presents only its own key, never the CA's.
        keys.deleteEntry("ca");
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, pass.toCharArray());
        SSLContext serverTls = SSLContext.getInstance("TLS");
        serverTls.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        byte[] info = new ProtocolCodec().toJson(new ServerInfo("CareCall", "test", 1, "wss://127.0.0.1:1"))
                .getBytes(StandardCharsets.UTF_8);
        server.createContext("/api/info", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, info.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(info);
            }
        });
        server.start();
        base = URI.create("https://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Test
    void clinicCaIsTrustedWhenConfigured() {
        ServerInfo info = new CareCallApi(base, TlsTrust.sslContext(Optional.of(caPem))).info();
        assertEquals("CareCall", info.product());
    }

    @Test
    void withoutTheClinicCaTheCertificateIsUntrusted() {
        ApiException e = assertThrows(ApiException.class,
                () -> new CareCallApi(base, TlsTrust.sslContext(Optional.empty())).info());
        assertEquals(ApiException.Problem.UNTRUSTED_CERTIFICATE, e.problem(), e.getMessage());
    }

    @Test
    void anUnreadableCaFileIsAClearError() throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.pem"), "not a certificate");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TlsTrust.sslContext(Optional.of(broken)));
        assertEquals(true, e.getMessage().contains("tls.caCertificate"));
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
        }
    }
}
