package dev.carecall.backend.room;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TextFramesTest {
    @Test
    void messagesOfEveryLengthClassComeBackAsSeparateWholeTextFrames() {
        String small = "{\"type\":\"pong\"}";
        String medium = "x".repeat(1_000) + "é";
        TextFrames batch = new TextFrames(small);
        assertTrue(batch.add(medium));
        String large = "y".repeat(70_000);
        TextFrames alone = new TextFrames(large);

        assertEquals(List.of(small, medium), read(batch.encode()));
        assertEquals(List.of(large), read(alone.encode()));
    }

    @Test
    void aBatchStopsBeforeItWouldOutgrowOneTlsRecord() {
        String kilobyte = "z".repeat(1_000);
        TextFrames batch = new TextFrames(kilobyte);
        int taken = 1;
        while (batch.hasRoom() && batch.add(kilobyte)) {
            taken++;
        }
        byte[] frames = batch.encode();
        assertTrue(frames.length <= TextFrames.MAX_BYTES, frames.length + " bytes");
        assertEquals(TextFrames.MAX_BYTES / 1_004, taken);
        assertEquals(taken, read(frames).size());
        assertFalse(batch.add(kilobyte));
    }

    /** Reads unmasked frames as a client does: each must be a final text frame. */
    private static List<String> read(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        List<String> texts = new ArrayList<>();
        while (in.hasRemaining()) {
            assertEquals(0x81, in.get() & 0xFF, "FIN and text opcode");
            int second = in.get() & 0xFF;
            assertEquals(0, second & 0x80, "a server's frame is not masked");
            long length = second & 0x7F;
            if (length == 126) {
                length = in.getShort() & 0xFFFF;
            } else if (length == 127) {
                length = in.getLong();
            }
            byte[] payload = new byte[(int) length];
            in.get(payload);
            texts.add(new String(payload, StandardCharsets.UTF_8));
        }
        return texts;
    }
}
