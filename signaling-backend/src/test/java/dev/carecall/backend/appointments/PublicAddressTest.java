package dev.carecall.backend.appointments;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PublicAddressTest {

    @Test
    void theWebSocketPortAcceptsThePagesPublicOriginAndItsOwnFixedAddress() {
        assertEquals(Set.of("https://clinic.example.org:8443"),
                PublicAddress.pageOrigins(URI.create("https://clinic.example.org:8443/"), "0.0.0.0", 8443, true));
        assertEquals(Set.of("https://clinic.example.org", "https://10.0.0.5:8443"),
                PublicAddress.pageOrigins(URI.create("https://clinic.example.org"), "10.0.0.5", 8443, true));
        assertEquals(Set.of(), PublicAddress.pageOrigins(null, "0.0.0.0", 8443, true),
                "listening everywhere without carecall.url: no origin is known (the server warns at start)");
        assertEquals(Set.of(), PublicAddress.pageOrigins(null, "127.0.0.1", 0, true));
    }
}
