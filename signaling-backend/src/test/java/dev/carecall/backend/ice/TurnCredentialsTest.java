package dev.carecall.backend.ice;

import dev.carecall.protocol.IceServer;
import dev.carecall.protocol.Role;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TurnCredentialsTest {
    private static final Instant NOW = Instant.parse("2026-05-04T09:30:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final List<String> URLS = List.of("turn:turn.example.org:3478?transport=udp",
            "turns:turn.example.org:443?transport=tcp");
    private static final IceServer STUN = new IceServer(List.of("stun:turn.example.org:3478"), null, null);

    @Test
    void theUserNameIsExpiryColonRoleDashAppointmentAndThePasswordTheHmacOfIt() {
        IceServers ice = new IceServers(List.of(STUN), new TurnSettings(URLS, "north", Duration.ofHours(4)), CLOCK);
        List<IceServer> servers = ice.forRoom(Role.PATIENT, 42);
        assertEquals(STUN, servers.getFirst(), "the configured STUN server comes first, unchanged");
        IceServer turn = servers.get(1);
        assertEquals(URLS, turn.urls());
        assertEquals(NOW.plus(Duration.ofHours(4)).getEpochSecond() + ":patient-42", turn.username());
        // Computed apart from this code: printf %s '1777901400:patient-42' | openssl dgst -sha1 -hmac north -binary | base64
        assertEquals("1777901400:patient-42", turn.username());
        assertEquals("zURg7ZjbdfnicCqwoRVnXBXHTFI=", turn.credential());
    }

    @Test
    void eachPersonGetsTheirOwnCredential() {
        IceServers ice = new IceServers(List.of(), new TurnSettings(URLS, "north", Duration.ofHours(4)), CLOCK);
        IceServer doctor = ice.forRoom(Role.DOCTOR, 42).getFirst();
        IceServer patient = ice.forRoom(Role.PATIENT, 42).getFirst();
        IceServer lobby = ice.forLobby(7).getFirst();
        assertTrue(doctor.username().endsWith(":doctor-42"));
        assertTrue(lobby.username().endsWith(":doctor-lobby-7"));
        assertNotEquals(doctor.credential(), patient.credential());
    }

    @Test
    void withoutASecretOnlyTheConfiguredServersAreHandedOut() {
        IceServers ice = new IceServers(List.of(STUN), null, CLOCK);
        assertEquals(List.of(STUN), ice.forRoom(Role.DOCTOR, 1));
    }

    @Test
    void theSecretNeverAppearsInTheSettingsText() {
        TurnSettings settings = new TurnSettings(URLS, "very-secret-value", Duration.ofHours(4));
        assertFalse(settings.toString().contains("very-secret-value"), settings.toString());
    }

    @Test
    void badSettingsAreRefusedWithTheKeyToFix() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new TurnSettings(List.of("stun:x:3478"), "s", Duration.ofHours(1))).getMessage()
                .contains("carecall.turn.urls"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new TurnSettings(URLS, "s", Duration.ZERO)).getMessage().contains("carecall.turn.ttl"));
    }
}
