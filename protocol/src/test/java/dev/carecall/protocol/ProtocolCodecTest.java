package dev.carecall.protocol;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

class ProtocolCodecTest {
    private final ProtocolCodec codec = new ProtocolCodec();
    private final ObjectMapper plain = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> everyClientFixtureSurvivesARoundTrip() throws Exception {
        return fixtureFiles("client").map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            String json = Files.readString(file).strip();
            ClientMessage message = codec.decodeClient(json);
            assertEquals(plain.readTree(json), plain.readTree(codec.encode(message)));
            assertEquals(message, codec.decodeClient(codec.encode(message)));
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyServerFixtureSurvivesARoundTrip() throws Exception {
        return fixtureFiles("server").map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            String json = Files.readString(file).strip();
            ServerMessage message = codec.decodeServer(json);
            assertEquals(plain.readTree(json), plain.readTree(codec.encode(message)));
            assertEquals(message, codec.decodeServer(codec.encode(message)));
        }));
    }

    @Test
    void everyMessageTypeHasAFixture() throws Exception {
        assertEquals(wireNames(ClientMessage.class), fixtureTypes("client"));
        assertEquals(wireNames(ServerMessage.class), fixtureTypes("server"));
        assertEquals(ClientMessage.class.getPermittedSubclasses().length, wireNames(ClientMessage.class).size());
        assertEquals(ServerMessage.class.getPermittedSubclasses().length, wireNames(ServerMessage.class).size());
    }

    @TestFactory
    Stream<DynamicTest> badClientInputBecomesATypedError() throws Exception {
        return badCases("invalid-client-messages.json", codec::decodeClient);
    }

    @TestFactory
    Stream<DynamicTest> badServerInputBecomesATypedError() throws Exception {
        return badCases("invalid-server-messages.json", codec::decodeServer);
    }

    @Test
    void unknownFieldsAreIgnoredSoNewerPeersCanAddThem() {
        ClientMessage message = codec.decodeClient("{\"type\":\"chat\",\"text\":\"hi\",\"colour\":\"blue\"}");
        assertEquals(new ClientMessage.Chat("hi"), message);
    }

    @Test
    void signalPayloadIsForwardedUnchanged() throws Exception {
        String payload = "{\"candidate\":\"candidate:1 1 udp 2122260223 127.0.0.1 5000 typ host\",\"sdpMid\":\"0\","
                + "\"sdpMLineIndex\":0,\"usernameFragment\":\"abcd\"}";
        ClientMessage.Signal in = (ClientMessage.Signal) codec.decodeClient(
                "{\"type\":\"signal\",\"signal\":" + payload + "}");
        String out = codec.encode(new ServerMessage.Signal(Role.PATIENT, in.signal()));
        assertEquals(plain.readTree(payload), plain.readTree(out).get("signal"));
    }

    @Test
    void optionalFieldsAreLeftOutRatherThanSentAsNull() {
        String json = codec.encode(new ServerMessage.CallEnded(3L, null, Instant.parse("2026-11-22T10:00:00Z"), null));
        assertEquals("{\"type\":\"callEnded\",\"sessionId\":3,\"endedAt\":\"2026-11-22T10:00:00Z\"}", json);
    }

    @Test
    void registerWithoutVersionMeansVersionOne() {
        ClientMessage.Register register = (ClientMessage.Register) codec.decodeClient(
                "{\"type\":\"register\",\"token\":\"abc\"}");
        assertNull(register.protocolVersion());
        assertEquals("abc", register.token());
    }

    @Test
    void oversizedMessageIsRefusedBeforeParsing() {
        String huge = "{\"type\":\"chat\",\"text\":\"" + "x".repeat(Protocol.MAX_MESSAGE_BYTES) + "\"}";
        ProtocolException e = assertThrows(ProtocolException.class, () -> codec.decodeClient(huge));
        assertEquals(ErrorCode.MESSAGE_TOO_LARGE, e.code());
    }

    @Test
    void restBodiesRejectMistypedFieldsAsBadRequest() {
        ProtocolException e = assertThrows(ProtocolException.class,
                () -> codec.fromJson("{\"username\":5,\"password\":\"x\"}", dev.carecall.protocol.rest.LoginRequest.class));
        assertEquals(ErrorCode.BAD_REQUEST, e.code());
        ProtocolException notJson = assertThrows(ProtocolException.class,
                () -> codec.fromJson("username=a", dev.carecall.protocol.rest.LoginRequest.class));
        assertEquals(ErrorCode.BAD_REQUEST, notJson.code());
    }

    @Test
    void restErrorBodyHasCodeAndMessage() throws Exception {
        String json = codec.toJson(dev.carecall.protocol.rest.ApiError.of(ErrorCode.FORBIDDEN, "Not your appointment."));
        JsonNode tree = plain.readTree(json);
        assertEquals("FORBIDDEN", tree.at("/error/code").asText());
        assertEquals("Not your appointment.", tree.at("/error/message").asText());
    }

    @Test
    void dispatchOverTheSealedTypeIsExhaustive() {
        // Compiles only while every client message is handled: a new message breaks the build here first.
        ClientMessage message = codec.decodeClient(Fixtures.client("mediaState"));
        String handled = switch (message) {
            case ClientMessage.Register r -> "register";
            case ClientMessage.StartCall s -> "startCall";
            case ClientMessage.JoinCall j -> "joinCall";
            case ClientMessage.Signal s -> "signal";
            case ClientMessage.EndCall e -> "endCall";
            case ClientMessage.MediaState m -> "mediaState " + m.audio() + " " + m.video();
            case ClientMessage.ScreenShare s -> "screenShare";
            case ClientMessage.Chat c -> "chat";
            case ClientMessage.Ping p -> "ping";
        };
        assertEquals("mediaState false true", handled);
    }

    private Stream<DynamicTest> badCases(String file, java.util.function.Consumer<String> decoder) throws Exception {
        JsonNode cases = plain.readTree(Fixtures.read("fixtures/" + file));
        assertTrue(cases.size() > 5);
        return java.util.stream.StreamSupport.stream(cases.spliterator(), false)
                .map(c -> DynamicTest.dynamicTest(c.get("name").asText(), () -> {
                    try {
                        decoder.accept(c.get("raw").asText());
                        fail("accepted " + c.get("raw").asText());
                    } catch (ProtocolException e) {
                        assertEquals(ErrorCode.valueOf(c.get("code").asText()), e.code(), e.getMessage());
                        assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
                        if (c.has("requestId")) {
                            assertEquals(c.get("requestId").asText(), e.requestId());
                        }
                    }
                }));
    }

    private static Set<String> wireNames(Class<?> sealed) {
        return Arrays.stream(sealed.getAnnotation(JsonSubTypes.class).value())
                .map(JsonSubTypes.Type::name).collect(Collectors.toSet());
    }

    private Set<String> fixtureTypes(String dir) throws Exception {
        try (Stream<Path> files = fixtureFiles(dir)) {
            List<String> types = files.map(f -> {
                try {
                    return plain.readTree(Files.readString(f)).get("type").asText();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
            return Set.copyOf(types);
        }
    }

    private static Stream<Path> fixtureFiles(String dir) throws IOException, URISyntaxException {
        Path root = Path.of(ProtocolCodecTest.class.getClassLoader().getResource("fixtures/" + dir).toURI());
        List<Path> files;
        try (Stream<Path> list = Files.list(root)) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertInstanceOf(List.class, files);
        assertTrue(!files.isEmpty(), "no fixtures in " + dir);
        return files.stream();
    }
}
