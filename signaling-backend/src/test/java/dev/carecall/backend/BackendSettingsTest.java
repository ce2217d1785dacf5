package dev.carecall.backend;

import dev.carecall.backend.storage.DatabaseSettings;

import dev.carecall.backend.room.RelaySettings;
import dev.carecall.protocol.IceServer;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackendSettingsTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    @Test
    void productionDefaultsAreHttpsOn8443AndWssOn8444WithH2UnderData() {
        BackendSettings s = BackendSettings.fromConfig(config(Map.of(
                "carecall.auth.secret", SECRET,
                "carecall.url", "https://clinic.example.org:8443",
                "carecall.tls.certificate", "/etc/carecall/cert.pem",
                "carecall.tls.key", "/etc/carecall/key.pem")));
        assertEquals(8443, s.server().port());
        assertEquals(8444, s.server().webSocketPort());
        assertEquals(new BackendSettings.TlsFiles(Path.of("/etc/carecall/cert.pem"), Path.of("/etc/carecall/key.pem")),
                s.tls());
        assertTrue(s.database().url().startsWith("jdbc:h2:file:") && s.database().url().endsWith("carecall"),
                s.database().url());
        assertEquals(Duration.ofHours(12), s.tokens().doctorValidity());
        assertEquals(Duration.ofHours(2), s.tokens().patientLinkValidity(), "links end 2 hours after the appointment");
        assertEquals(Duration.ofSeconds(30), s.tokens().revocationRefresh());
        assertTrue(s.ice().servers().isEmpty());
        assertEquals(false, s.demoData());
        assertEquals(new BackendSettings.CallGrace(Duration.ofSeconds(8), Duration.ofMinutes(2)), s.calls());
    }

    @Test
    void everyKeyCanBeSet() {
        Map<String, String> keys = new HashMap<>(Map.of(
                "server.port", "9443",
                "carecall.websocket.port", "0",
                "carecall.tls.enabled", "false",
                "carecall.url", "https://clinic.example.org",
                "carecall.db.url", "jdbc:postgresql://db:5432/carecall",
                "carecall.db.username", "carecall",
                "carecall.db.password", "pw",
                "carecall.auth.secret", SECRET,
                "carecall.auth.patient.validity", "P7D",
                "carecall.turn.url", "turn:turn.example.org:3478?transport=udp"));
        keys.put("carecall.auth.revocation.refresh", "PT5S");
        keys.put("carecall.turn.username", "carecall");
        keys.put("carecall.turn.credential", "turn-secret");
        keys.put("carecall.calls.restart.grace", "PT15S");
        keys.put("carecall.calls.abandon.after", "PT10M");
        BackendSettings s = BackendSettings.fromConfig(config(keys));
        assertEquals(new BackendSettings.CallGrace(Duration.ofSeconds(15), Duration.ofMinutes(10)), s.calls());
        assertEquals(9443, s.server().port());
        assertNull(s.server().webSocketPort(), "0: the WebSocket shares the HTTPS port");
        assertNull(s.tls());
        assertEquals(URI.create("https://clinic.example.org"), s.server().publicUrl());
        assertEquals("jdbc:postgresql://db:5432/carecall", s.database().url());
        assertEquals("carecall", s.database().username());
        assertEquals(Duration.ofDays(7), s.tokens().patientLinkValidity());
        assertEquals(Duration.ofSeconds(5), s.tokens().revocationRefresh());
        assertEquals(List.of(new IceServer(List.of("turn:turn.example.org:3478?transport=udp"), "carecall",
                "turn-secret")), s.ice().servers());
    }

    @Test
    void iceServersComeFromTheYamlList() {
        String yaml = """
                carecall:
                  url: "https://clinic.example.org"
                  auth:
                    secret: "0123456789abcdef0123456789abcdef"
                  tls:
                    enabled: false
                  ice:
                    servers:
                      - urls: ["stun:stun.example.org:3478"]
                      - urls: ["turn:turn.example.org:3478?transport=udp", "turns:turn.example.org:5349"]
                        username: carecall
                        credential: secret
                """;
        BackendSettings s = BackendSettings.fromConfig(Config.just(
                ConfigSources.create(yaml, io.helidon.common.media.type.MediaTypes.APPLICATION_X_YAML)));
        assertEquals(List.of(new IceServer(List.of("stun:stun.example.org:3478"), null, null),
                new IceServer(List.of("turn:turn.example.org:3478?transport=udp", "turns:turn.example.org:5349"),
                        "carecall", "secret")), s.ice().servers());
    }

    @Test
    void turnUrlsWithASecretMintCredentialsAndTheTtlDefaultsToFourHours() {
        BackendSettings s = BackendSettings.fromConfig(config(Map.of(
                "carecall.auth.secret", SECRET, "carecall.url", "https://c.example.org",
                "carecall.tls.enabled", "false",
                "carecall.turn.urls", "turn:turn.example.org:3478?transport=udp, turns:turn.example.org:443",
                "carecall.turn.secret", "coturn-shared-secret")));
        assertEquals(List.of("turn:turn.example.org:3478?transport=udp", "turns:turn.example.org:443"),
                s.ice().turn().urls());
        assertEquals("coturn-shared-secret", s.ice().turn().secret());
        assertEquals(Duration.ofHours(4), s.ice().turn().ttl());
        assertTrue(s.ice().servers().isEmpty(), "no static TURN user besides the minted one");

        BackendSettings staticUser = BackendSettings.fromConfig(config(Map.of(
                "carecall.auth.secret", SECRET, "carecall.url", "https://c.example.org",
                "carecall.tls.enabled", "false",
                "carecall.turn.urls", "turn:turn.example.org:3478",
                "carecall.turn.username", "carecall",
                "carecall.turn.credential", "pw")));
        assertNull(staticUser.ice().turn());
        assertEquals(List.of(new IceServer(List.of("turn:turn.example.org:3478"), "carecall", "pw")),
                staticUser.ice().servers());
    }

    @Test
    void aTurnSecretWithoutUrlsOrWithABadTtlStopsTheStart() {
        CareCallException noUrls = assertThrows(CareCallException.class, () -> BackendSettings.fromConfig(config(
                Map.of("carecall.auth.secret", SECRET, "carecall.url", "https://c.example.org",
                        "carecall.tls.enabled", "false",
                        "carecall.turn.secret", "s"))));
        assertTrue(noUrls.getMessage().contains("carecall.turn.urls"), noUrls.getMessage());
        CareCallException badTtl = assertThrows(CareCallException.class, () -> BackendSettings.fromConfig(config(
                Map.of("carecall.auth.secret", SECRET, "carecall.url", "https://c.example.org",
                        "carecall.tls.enabled", "false",
                        "carecall.turn.urls", "turn:t:3478", "carecall.turn.secret", "s",
                        "carecall.turn.ttl", "PT0S"))));
        assertTrue(badTtl.getMessage().contains("carecall.turn.ttl"), badTtl.getMessage());
    }

    @Test
    void aMissingSecretOrCertificateStopsTheStartWithAnExplanation() {
        CareCallException noSecret = assertThrows(CareCallException.class,
                () -> BackendSettings.fromConfig(config(Map.of("carecall.tls.enabled", "false"))));
        assertTrue(noSecret.getMessage().contains("CARECALL_AUTH_SECRET"), noSecret.getMessage());
        CareCallException noCertificate = assertThrows(CareCallException.class,
                () -> BackendSettings.fromConfig(config(Map.of("carecall.auth.secret", SECRET))));
        assertTrue(noCertificate.getMessage().contains("CARECALL_TLS_CERTIFICATE"), noCertificate.getMessage());
    }

    @Test
    void productionWithoutThePublicAddressStopsTheStartWithAnExplanation() {
        CareCallException noUrl = assertThrows(CareCallException.class, () -> BackendSettings.fromConfig(config(
                Map.of("carecall.auth.secret", SECRET, "carecall.tls.enabled", "false"))));
        assertTrue(noUrl.getMessage().contains("CARECALL_URL"), noUrl.getMessage());
        BackendSettings origins = BackendSettings.fromConfig(config(Map.of("carecall.auth.secret", SECRET,
                "carecall.tls.enabled", "false", "carecall.url", "https://c.example.org",
                "carecall.websocket.origins", "https://a.example.org, https://b.example.org:8443")));
        assertEquals(List.of("https://a.example.org", "https://b.example.org:8443"), origins.server().webSocketOrigins());
    }

    @Test
    void withReplacesTheGroupsOfTheirTypesAndKeepsTheRest() {
        BackendSettings tests = BackendSettings.forTests();
        BackendSettings changed = tests.with(tests.sockets().withKeepAlive(Duration.ofMillis(200)),
                tests.server().withPort(9090));
        assertEquals(Duration.ofMillis(200), changed.sockets().keepAlive());
        assertEquals(9090, changed.server().port());
        assertEquals(tests, changed.with(tests.sockets(), tests.server()), "everything else came along unchanged");
        assertEquals(tests.withPort(9090), tests.with(tests.server().withPort(9090)));
        assertTrue(changed.demoData(), "the one plain flag came along too");
        assertThrows(IllegalArgumentException.class,
                () -> tests.with(tests.sockets().withKeepAlive(Duration.ZERO)), "each group checks itself");
        assertThrows(IllegalArgumentException.class, () -> tests.with(new RelaySettings.Rate(1, 1)),
                "a record that is no group of settings");
    }

    @Test
    void everyGroupHasATypeOfItsOwnSoWithCannotPickTheWrongOne() {
        List<Class<?>> types = java.util.Arrays.stream(BackendSettings.class.getRecordComponents())
                .map(java.lang.reflect.RecordComponent::getType).toList();
        assertEquals(types.size(), new java.util.HashSet<>(types).size(), types.toString());
    }

    @Test
    void theTokensSecretStaysOutOfLogLines() {
        BackendSettings s = BackendSettings.forTests();
        assertFalse(s.toString().contains(s.tokens().secret()), s.toString());
    }

    @Test
    void theDatabasePasswordStaysOutOfLogLines() {
        BackendSettings s = BackendSettings.forTests().with(
                new DatabaseSettings("jdbc:postgresql://127.0.0.1:5432/test?ssl=false", "carecall", "s3cret-Pw"));
        assertFalse(s.toString().contains("s3cret-Pw"), s.toString());
        assertTrue(s.toString().contains("password=(set)"), s.toString());
    }

    private static Config config(Map<String, String> keys) {
        return Config.just(ConfigSources.create(keys));
    }
}
