package dev.carecall.e2e.topology;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLHandshakeException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The harness itself: the CA is trusted only where told, coturn listens and stops, the backend runs production. */
class TopologyHarnessIT {
    @TempDir
    Path dir;

    @Test
    void productionBackendAnswersOverHttpsTrustedOnlyThroughTheTestCaAndCoturnStartsAndStops() throws Exception {
        TestCa ca = TestCa.create(dir.resolve("ca"));
        try (Coturn coturn = Coturn.start(dir.resolve("coturn"), ca);
             ProductionBackend backend = ProductionBackend.start(dir.resolve("backend"),
                     ProductionBackend.Layout.twoPorts(), ca, coturn, coturn.secret())) {
            assertEquals("https", backend.baseUri().getScheme());
            assertNotEquals(backend.baseUri().getPort(), backend.webSocketBaseUri().getPort());
            HttpRequest info = HttpRequest.newBuilder(backend.baseUri().resolve("/api/info"))
                    .timeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> answer = HttpClient.newBuilder().sslContext(ca.sslContext()).build()
                    .send(info, HttpResponse.BodyHandlers.ofString());
            assertEquals(200, answer.statusCode());
            assertTrue(answer.body().contains("CareCall"), answer.body());
            assertThrows(SSLHandshakeException.class, () -> HttpClient.newHttpClient()
                    .send(info, HttpResponse.BodyHandlers.ofString()), "the JDK's own CAs do not know the test CA");
            assertTrue(ca.chromiumTrustArgument().matches("--ignore-certificate-errors-spki-list=[A-Za-z0-9+/=]{44}"));
            assertTrue(coturn.running());
            coturn.stop();
            assertFalse(coturn.running());
        }
    }
}
