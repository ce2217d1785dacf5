package dev.carecall.backend.cluster;

import dev.carecall.backend.room.Revocation;
import dev.carecall.protocol.Role;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BusMessageTest {
    @Test
    void everyKindComesBackAsItWasSent() {
        List<BusMessage> sent = List.of(
                new BusMessage.Deliver("i-1", 7, Role.PATIENT, "{\"type\":\"chat\",\"text\":\"a|b\"}"),
                new BusMessage.CallChanged("i-1", 7),
                new BusMessage.Seated("i-2", 7, Role.DOCTOR),
                new BusMessage.Lobby("i-2", 3, "{\"type\":\"callStatusChanged\"}"),
                new BusMessage.Revoked("i-1",
                        new Revocation.SignedOut("jti-1|x", Instant.ofEpochMilli(1_700_000_000_123L))),
                new BusMessage.Revoked("i-1", new Revocation.LinkReplaced(7, 4)),
                new BusMessage.Revoked("i-2", new Revocation.Cancelled(7)));
        for (BusMessage message : sent) {
            assertEquals(message, BusMessage.decode(BusMessage.encode(message)));
        }
    }

    @Test
    void whatIsNotOursIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> BusMessage.decode("hello"));
        assertThrows(IllegalArgumentException.class, () -> BusMessage.decode("Q|i-1|7||"));
        assertThrows(IllegalArgumentException.class, () -> BusMessage.decode("V|i-1|7||four"));
    }
}
