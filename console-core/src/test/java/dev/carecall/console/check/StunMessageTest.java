package dev.carecall.console.check;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.HexFormat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StunMessageTest {

    @Test
    void anAllocateRequestRoundTripsWithItsAttributesPaddedAndSigned() {
        byte[] key = StunMessage.longTermKey("1777901400:doctor-lobby-7", "carecall.test", "pw");
        StunMessage request = StunMessage.of(StunMessage.ALLOCATE_REQUEST)
                .with(StunMessage.REQUESTED_TRANSPORT, StunMessage.udpTransport())
                .with(StunMessage.USERNAME, "1777901400:doctor-lobby-7")
                .with(StunMessage.REALM, "carecall.test");
        byte[] wire = request.encode(key);
        assertEquals(0, wire.length % 4, "attributes are padded to four bytes");
        assertEquals(wire.length - 20, (wire[2] & 0xff) << 8 | (wire[3] & 0xff), "the length counts the integrity");
        StunMessage read = StunMessage.decode(wire, wire.length).orElseThrow();
        assertEquals(StunMessage.ALLOCATE_REQUEST, read.type());
        assertEquals("1777901400:doctor-lobby-7", read.text(StunMessage.USERNAME).orElseThrow());
        assertEquals(20, read.attributes().get(StunMessage.MESSAGE_INTEGRITY).length);
    }

    @Test
    void xorAddressesDecodeAsRfc5769SaysAndErrorCodesReadAsNumbers() {
        // RFC 5769 2.2: XOR-MAPPED-ADDRESS of 192.0.2.1:32853 is 0x0001 a147 e112a643.
        byte[] value = HexFormat.of().parseHex("0001a147e112a643");
        StunMessage answer = new StunMessage(StunMessage.BINDING_SUCCESS, new byte[12], new java.util.HashMap<>())
                .with(StunMessage.XOR_MAPPED_ADDRESS, value);
        assertEquals(new InetSocketAddress("192.0.2.1", 32853),
                answer.address(StunMessage.XOR_MAPPED_ADDRESS).orElseThrow());
        assertArrayEquals(value, StunMessage.of(StunMessage.BINDING_REQUEST)
                .withAddress(StunMessage.XOR_PEER_ADDRESS, new InetSocketAddress("192.0.2.1", 32853))
                .attributes().get(StunMessage.XOR_PEER_ADDRESS));
        StunMessage error = new StunMessage(StunMessage.ALLOCATE_ERROR, new byte[12], new java.util.HashMap<>())
                .with(StunMessage.ERROR_CODE, new byte[]{0, 0, 4, 1});
        assertTrue(error.isError());
        assertEquals(401, error.errorCode());
    }

    @Test
    void turnUrlsReadAsBrowsersReadThem() {
        assertEquals(new TurnUrl(true, StunTransport.Kind.UDP, "turn.example.org", 3478),
                TurnUrl.parse("turn:turn.example.org").orElseThrow());
        assertEquals(new TurnUrl(true, StunTransport.Kind.TCP, "127.0.0.1", 3479),
                TurnUrl.parse("turn:127.0.0.1:3479?transport=tcp").orElseThrow());
        assertEquals(new TurnUrl(true, StunTransport.Kind.TLS, "turn.example.org", 443),
                TurnUrl.parse("turns:turn.example.org:443?transport=tcp").orElseThrow());
        assertEquals(new TurnUrl(false, StunTransport.Kind.UDP, "stun.example.org", 3478),
                TurnUrl.parse("stun:stun.example.org").orElseThrow());
        assertTrue(TurnUrl.parse("https://x").isEmpty());
        assertEquals("turn.example.org:443 TLS", TurnUrl.parse("turns:turn.example.org:443").orElseThrow().target());
    }
}
