package dev.carecall.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The relay's envelope-only reading of a signal agrees with the full decoder, or leaves the message to it. */
class RelayedSignalTest {
    private final ProtocolCodec codec = new ProtocolCodec();
    private final ObjectMapper plain = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> everySignalFixtureIsRelayedAsTheFullCodecWritesIt() throws Exception {
        Path root = Path.of(getClass().getClassLoader().getResource("fixtures/client").toURI());
        List<Path> signals;
        try (Stream<Path> files = Files.list(root)) {
            signals = files.filter(f -> f.getFileName().toString().startsWith("signal")).sorted().toList();
        }
        return signals.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            String json = Files.readString(file).strip();
            assertSameAsFullDecoder(json);
            // Spaced out and with a request id and an unknown nested field: read alike.
            JsonNode tree = plain.readTree(json);
            ((com.fasterxml.jackson.databind.node.ObjectNode) tree).put("requestId", "r-1")
                    .putObject("future").putArray("x").add(1);
            assertSameAsFullDecoder(plain.writerWithDefaultPrettyPrinter().writeValueAsString(tree));
        }));
    }

    @TestFactory
    Stream<DynamicTest> whatTheProtocolRefusesIsLeftToTheFullDecoder() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : plain.readTree(Fixtures.read("fixtures/invalid-client-messages.json"))) {
            String raw = c.get("raw").asText();
            tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> assertNull(codec.relayable(raw), raw)));
        }
        return tests.stream();
    }

    @Test
    void doubtfulShapesAreLeftToTheFullDecoder() {
        for (String raw : List.of(
                "{\"type\":\"signal\",\"signal\":{\"type\":\"offer\",\"sdp\":\"v=0\"},\"type\":\"signal\"}",
                "{\"type\":\"signal\",\"signal\":{\"type\":\"offer\",\"sdp\":\"v=0\",\"sdp\":\"v=1\"}}",
                "{\"type\":\"signal\",\"signal\":{\"type\":\"offer\",\"sdp\":\"  \"}}",
                "{\"type\":\"signal\",\"signal\":{\"type\":\"offer\"}}",
                "{\"type\":\"signal\",\"signal\":{\"type\":\"nonsense\",\"sdp\":\"v=0\"}}",
                "{\"type\":\"signal\",\"signal\":{\"candidate\":\" \"}}",
                "{\"type\":\"signal\",\"signal\":{\"candidate\":\"c\",\"sdpMLineIndex\":1.5}}",
                "{\"type\":\"signal\",\"signal\":{\"candidate\":\"c\",\"sdpMLineIndex\":70000}}",
                "{\"type\":\"signal\",\"signal\":{\"candidate\":\"c\"},\"requestId\":\"\"}",
                "{\"type\":\"signal\",\"signal\":{\"candidate\":\"c\"},\"requestId\":7}",
                "{\"type\":\"signal\",\"signal\":{\"candidate\":\"c\"}} {}",
                "{\"type\":\"chat\",\"text\":\"hello\"}",
                "{\"signal\":{\"candidate\":\"c\"}}")) {
            assertNull(codec.relayable(raw), raw);
        }
    }

    @Test
    void aRollbackNeedsNoSdpAndAnEmptyCandidateEndsThem() {
        assertEquals(CallEvent.ROLLBACK, assertSameAsFullDecoder(
                "{\"type\":\"signal\",\"signal\":{\"type\":\"rollback\"}}").event());
        assertEquals(CallEvent.END_OF_CANDIDATES, assertSameAsFullDecoder(
                "{\"signal\":{\"candidate\":\"\",\"sdpMid\":null},\"type\":\"signal\"}").event());
    }

    private RelayedSignal assertSameAsFullDecoder(String json) {
        RelayedSignal fast = codec.relayable(json);
        assertNotNull(fast, json);
        ClientMessage.Signal full = (ClientMessage.Signal) codec.decodeClient(json);
        assertEquals(CallEvent.of(full.signal()), fast.event());
        assertEquals(full.requestId(), fast.requestId());
        String expected = codec.encode(new ServerMessage.Signal(Role.DOCTOR, full.signal()));
        try {
            assertEquals(plain.readTree(expected), plain.readTree(fast.encodeFrom(Role.DOCTOR)));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertEquals(new ServerMessage.Signal(Role.DOCTOR, full.signal()),
                codec.decodeServer(fast.encodeFrom(Role.DOCTOR), RoomMessage.class));
        return fast;
    }
}
