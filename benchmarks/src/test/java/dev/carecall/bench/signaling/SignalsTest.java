package dev.carecall.bench.signaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carecall.bench.ws.Frames;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignalsTest {
    @Test
    void signalIsAnSdpOfAboutOneKilobyteThatJsonReadersAccept() throws Exception {
        String signal = Signals.signal("offer");
        JsonNode parsed = new ObjectMapper().readTree(signal);
        assertEquals("offer", parsed.path("type").asText());
        assertTrue(parsed.path("sdp").asText().startsWith("v=0\r\n"));
        assertEquals(Signals.SIGNAL_BYTES, signal.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void timeAndSequencePatchedIntoAFrameAreReadBackFromTheRelayedText() {
        byte[] payload = ("{\"type\":\"signal\",\"signal\":" + Signals.signal("answer") + "}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] frame = Frames.frame(Frames.TEXT, payload);
        int at = Signals.afterMarker(frame);
        Signals.write(frame, at, Signals.TIME_DIGITS, 1_234_567_890_123L);
        Signals.write(frame, at + Signals.TIME_DIGITS + 1, Signals.SEQ_DIGITS, 42);
        String sent = new String(frame, frame.length - payload.length, payload.length, StandardCharsets.UTF_8);
        // What a relay sends on: the same signal inside a message of its own.
        String relayed = sent.replace("{\"type\":\"signal\",", "{\"type\":\"signal\",\"from\":\"patient\",");
        ByteBuffer bytes = ByteBuffer.wrap(relayed.getBytes(StandardCharsets.UTF_8));
        int found = Signals.afterMarker(bytes, 0, bytes.limit());
        assertEquals(1_234_567_890_123L, Signals.number(bytes, found, Signals.TIME_DIGITS));
        assertEquals(42, Signals.number(bytes, found + Signals.TIME_DIGITS + 1, Signals.SEQ_DIGITS));
    }
}
