package dev.carecall.console.api;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ServerAddressTest {
    @Test
    void aBareHostNameMeansHttps() {
        assertEquals(URI.create("https://clinic.example.org"), ServerAddress.parse(" clinic.example.org "));
    }

    @Test
    void thisComputerMeansPlainHttp() {
        assertEquals(URI.create("http://127.0.0.1:8080"), ServerAddress.parse("127.0.0.1:8080/"));
        assertEquals(URI.create("http://localhost:8080"), ServerAddress.parse("localhost:8080"));
    }

    @Test
    void pathsAndTrailingSlashesAreDropped() {
        assertEquals(URI.create("https://clinic.example.org:8443"),
                ServerAddress.parse("HTTPS://clinic.example.org:8443/login?x=1"));
    }

    @Test
    void nonsenseIsABadAddress() {
        for (String typed : new String[]{"", "   ", "ftp://clinic.example.org", "http://", "ht tp://x y"}) {
            ApiException e = assertThrows(ApiException.class, () -> ServerAddress.parse(typed), typed);
            assertEquals(ApiException.Problem.BAD_ADDRESS, e.problem(), typed);
        }
    }
}
