package dev.carecall.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carecall.protocol.rest.ApiError;
import dev.carecall.protocol.rest.CallEventView;
import dev.carecall.protocol.rest.CallQualityView;
import dev.carecall.protocol.rest.CallSessionView;
import dev.carecall.protocol.rest.ChatLineView;
import dev.carecall.protocol.rest.QualityFigures;
import dev.carecall.protocol.rest.LoginRequest;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProtocolCodecTest {
    /** The server families by their fixture folder and by the name the invalid fixtures use. */
    private static final Map<String, Class<? extends ServerMessage>> FAMILIES = Map.of(
            "room", RoomMessage.class, "lobby", LobbyMessage.class);

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
    Stream<DynamicTest> everyServerFixtureSurvivesARoundTripOnItsSocket() throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (var family : FAMILIES.entrySet()) {
            try (Stream<Path> files = fixtureFiles("server/" + family.getKey())) {
                files.forEach(file -> tests.add(DynamicTest.dynamicTest(family.getKey() + "/" + file.getFileName(),
                        () -> {
                            String json = Files.readString(file).strip();
                            ServerMessage message = codec.decodeServer(json, family.getValue());
                            assertEquals(plain.readTree(json), plain.readTree(codec.encode(message)));
                            assertEquals(message, codec.decodeServer(codec.encode(message), family.getValue()));
                            assertEquals(message, codec.decodeServer(json));
                        })));
            }
        }
        return tests.stream();
    }

    @Test
    void everyMessageTypeHasAFixtureOnEachSocketItArrivesOn() throws Exception {
        assertEquals(wireNames(ClientMessage.class, ClientMessage.class), fixtureTypes("client"));
        assertEquals(wireNames(ServerMessage.class, RoomMessage.class), fixtureTypes("server/room"));
        assertEquals(wireNames(ServerMessage.class, LobbyMessage.class), fixtureTypes("server/lobby"));
        assertEquals(Set.of("registered", "callStatus", "appointmentChanged", "pong", "error", "patientReadiness"),
                wireNames(ServerMessage.class, LobbyMessage.class));
        // The codec knows every record under its wire name, and no two records share a name.
        assertEquals(wireNames(ClientMessage.class, ClientMessage.class), ProtocolCodec.wireNames(ClientMessage.class)
                .keySet());
        assertEquals(wireNames(ServerMessage.class, ServerMessage.class), ProtocolCodec.wireNames(ServerMessage.class)
                .keySet());
        assertEquals(records(ClientMessage.class).size(), wireNames(ClientMessage.class, ClientMessage.class).size());
        assertEquals(records(ServerMessage.class).size(), wireNames(ServerMessage.class, ServerMessage.class).size());
    }

    @Test
    void everyMessageTypeHasANegativeCase() throws Exception {
        assertEquals(wireNames(ClientMessage.class, ClientMessage.class), badCaseTypes("invalid-client-messages.json"));
        assertEquals(wireNames(ServerMessage.class, ServerMessage.class), badCaseTypes("invalid-server-messages.json"));
    }

    @TestFactory
    Stream<DynamicTest> badClientInputBecomesATypedError() throws Exception {
        return badCases("invalid-client-messages.json", c -> codec::decodeClient);
    }

    @TestFactory
    Stream<DynamicTest> badServerInputBecomesATypedError() throws Exception {
        return badCases("invalid-server-messages.json", c -> {
            Class<? extends ServerMessage> family = FAMILIES.get(c.get("socket").asText());
            assertTrue(family != null, "each server case names its socket: room or lobby");
            return raw -> codec.decodeServer(raw, family);
        });
    }

    @TestFactory
    Stream<DynamicTest> everySignalReachesTheOtherPartyFieldForField() throws Exception {
        return fixtureFiles("client").filter(f -> f.getFileName().toString().startsWith("signal"))
                .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                    JsonNode sent = plain.readTree(Files.readString(file)).get("signal");
                    ClientMessage.Signal in = (ClientMessage.Signal) codec.decodeClient(Files.readString(file));
                    String relayed = codec.encode(new ServerMessage.Signal(Role.PATIENT, in.signal()));
                    JsonNode received = plain.readTree(relayed).get("signal");
                    assertEquals(fieldNames(sent), fieldNames(received), "the same fields in the same order");
                    assertEquals(sent, received);
                    assertEquals(plain.writeValueAsString(sent), plain.writeValueAsString(received));
                    ServerMessage.Signal out = assertInstanceOf(ServerMessage.Signal.class,
                            codec.decodeServer(relayed, RoomMessage.class));
                    assertEquals(in.signal(), out.signal());
                }));
    }

    @Test
    void chromiumPayloadsReadAsTheirTypes() {
        var offer = assertInstanceOf(SignalPayload.SessionDescription.class, signal("signal-offer"));
        assertEquals(SdpType.OFFER, offer.type());
        assertTrue(offer.sdp().startsWith("v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\n"), offer.sdp());
        assertEquals(SdpType.ANSWER,
                assertInstanceOf(SignalPayload.SessionDescription.class, signal("signal-answer")).type());
        assertEquals(SdpType.PRANSWER,
                assertInstanceOf(SignalPayload.SessionDescription.class, signal("signal-pranswer")).type());
        var rollback = assertInstanceOf(SignalPayload.SessionDescription.class, signal("signal-rollback"));
        assertEquals(SdpType.ROLLBACK, rollback.type());
        assertEquals("", rollback.sdp());

        var candidate = assertInstanceOf(SignalPayload.IceCandidate.class, signal("signal-candidate"));
        assertTrue(candidate.candidate().startsWith("candidate:842163049 1 udp "), candidate.candidate());
        assertEquals("0", candidate.sdpMid());
        assertEquals(0, candidate.sdpMLineIndex());
        assertEquals("Xq3v", candidate.usernameFragment());
        var noMid = assertInstanceOf(SignalPayload.IceCandidate.class, signal("signal-candidate-null-mid"));
        assertNull(noMid.sdpMid());
        assertEquals(1, noMid.sdpMLineIndex());
        assertTrue(noMid.json().get("sdpMid").isNull(), "an explicit null stays an explicit null");

        var end = assertInstanceOf(SignalPayload.EndOfCandidates.class, signal("signal-end-of-candidates"));
        assertEquals("1", end.sdpMid());
        assertEquals(1, end.sdpMLineIndex());
        assertEquals("Xq3v", end.usernameFragment());
    }

    @Test
    void fieldsThisSideDoesNotModelAreRelayedToo() throws Exception {
        String payload = "{\"candidate\":\"candidate:1 1 udp 2122260223 127.0.0.1 5000 typ host\",\"sdpMid\":\"0\","
                + "\"sdpMLineIndex\":0,\"usernameFragment\":\"abcd\",\"relayProtocol\":null,\"future\":{\"a\":[1,2.5]}}";
        ClientMessage.Signal in = (ClientMessage.Signal) codec.decodeClient(
                "{\"type\":\"signal\",\"signal\":" + payload + "}");
        String out = codec.encode(new ServerMessage.Signal(Role.PATIENT, in.signal()));
        assertEquals(payload, plain.writeValueAsString(plain.readTree(out).get("signal")));
    }

    @Test
    void payloadsMadeHereHaveTheBrowsersShapes() throws Exception {
        assertEquals(plain.readTree("{\"type\":\"answer\",\"sdp\":\"v=0\\r\\n\"}"),
                SignalPayload.SessionDescription.of(SdpType.ANSWER, "v=0\r\n").json());
        assertEquals(plain.readTree("{\"candidate\":\"candidate:1 1 udp 1 127.0.0.1 9 typ host\",\"sdpMid\":\"0\","
                        + "\"sdpMLineIndex\":0}"),
                SignalPayload.IceCandidate.of("candidate:1 1 udp 1 127.0.0.1 9 typ host", "0", 0).json());
        assertEquals(ErrorCode.INVALID_FIELD, assertThrows(ProtocolException.class,
                () -> SignalPayload.IceCandidate.of("", "0", 0)).code());
        assertEquals(ErrorCode.MISSING_FIELD, assertThrows(ProtocolException.class,
                () -> SignalPayload.SessionDescription.of(SdpType.OFFER, null)).code());
        // The payload handed out is a copy: changing it cannot change what is relayed.
        SignalPayload offer = signal("signal-offer");
        offer.json().put("sdp", "changed");
        assertEquals(signal("signal-offer"), offer);
    }

    @Test
    void everySignalHasItsLogEventAndNoLogEntryCarriesTheSignal() throws Exception {
        assertEquals(CallEvent.OFFER, CallEvent.of(signal("signal-offer")));
        assertEquals(CallEvent.ANSWER, CallEvent.of(signal("signal-answer")));
        assertEquals(CallEvent.PRANSWER, CallEvent.of(signal("signal-pranswer")));
        assertEquals(CallEvent.ROLLBACK, CallEvent.of(signal("signal-rollback")));
        assertEquals(CallEvent.CANDIDATE, CallEvent.of(signal("signal-candidate")));
        assertEquals(CallEvent.END_OF_CANDIDATES, CallEvent.of(signal("signal-end-of-candidates")));
        String json = codec.toJson(List.of(new CallEventView(Instant.parse("2026-11-22T09:30:00Z"),
                CallEvent.SCREEN_SHARE_STARTED, Role.DOCTOR)));
        assertEquals("[{\"at\":\"2026-11-22T09:30:00Z\",\"event\":\"screenShareStarted\",\"from\":\"doctor\"}]", json);
        assertEquals(CallEvent.SCREEN_SHARE_STARTED, codec.listFromJson(json, CallEventView.class).getFirst().event());
    }

    @Test
    void anOldQualitySampleEntryStillReadsWithoutItsFigures() {
        // Servers before the call_quality summaries stored figures in the log; those logs must stay readable.
        CallEventView old = codec.fromJson("{\"at\":\"2026-11-22T09:30:00Z\",\"event\":\"qualitySample\","
                + "\"from\":\"patient\",\"quality\":{\"level\":\"poor\",\"rttMs\":310.5}}", CallEventView.class);
        assertEquals(new CallEventView(Instant.parse("2026-11-22T09:30:00Z"), CallEvent.QUALITY_SAMPLE, Role.PATIENT),
                old);
    }

    @Test
    void aChatTranscriptNeedsEveryPartOfEachLine() {
        ServerMessage.ChatTranscript t = (ServerMessage.ChatTranscript) codec.decodeServer(
                Fixtures.room("chatTranscript"), RoomMessage.class);
        assertEquals(List.of(Role.PATIENT, Role.DOCTOR), t.lines().stream().map(ChatLineView::from).toList());
        ProtocolException missing = assertThrows(ProtocolException.class, () -> codec.decodeServer(
                "{\"type\":\"chatTranscript\",\"sessionId\":1,\"lines\":[{\"from\":\"doctor\",\"text\":\"Hi\"}]}",
                RoomMessage.class));
        assertEquals(ErrorCode.MISSING_FIELD, missing.code());
    }

    @Test
    void aCallSessionRoundTripsWithItsTimelineTranscriptAndQuality() {
        Instant t = Instant.parse("2026-11-22T09:30:00Z");
        CallEventView start = new CallEventView(t, CallEvent.START_CALL, Role.PATIENT);
        CallSessionView session = new CallSessionView(7, CallStatus.ENDED, Role.PATIENT, t, t.plusSeconds(5),
                t.plusSeconds(600), null, List.of(start), CallEndReason.ABANDONED, List.of(start),
                List.of(new ChatLineView(t.plusSeconds(9), Role.DOCTOR, "Hello")), null,
                new CallQualityView(1, 2, 7, null, new QualityFigures(3, 40.0, 90.0, 0.0, 1.5, 800L, 900L, 0,
                        ClientKind.CONSOLE, Readiness.CandidateType.HOST, Readiness.CandidateType.RELAY)));
        String json = codec.toJson(List.of(session));
        assertEquals(List.of(session), codec.listFromJson(json, CallSessionView.class));
        assertTrue(json.contains("\"transcript\":[{\"at\":\"2026-11-22T09:30:09Z\",\"from\":\"doctor\",\"text\":\"Hello\"}]"),
                json);
        assertFalse(json.contains("null"), "absent, never null: " + json);
    }

    @Test
    void logEventsKeepTheNamesStoredLogsAlreadyHold() {
        // These names are in stored call histories; renaming one would make those histories unreadable.
        assertEquals(List.of("startCall", "joinCall", "rejoinCall", "endCall", "connected", "reconnected",
                        "disconnected", "offer", "answer", "pranswer", "rollback", "candidate", "endOfCandidates",
                        "mediaState", "screenShareStarted", "screenShareStopped", "chat", "mediaInterrupted",
                        "mediaRestored", "qualitySample"),
                Arrays.stream(CallEvent.values()).map(CallEvent::wireName).toList());
        ProtocolException unknown = assertThrows(ProtocolException.class, () -> codec.listFromJson(
                "[{\"at\":\"2026-11-22T09:30:00Z\",\"event\":\"teleported\"}]", CallEventView.class));
        assertEquals(ErrorCode.BAD_REQUEST, unknown.code());
    }

    @Test
    void callEndReasonsHaveTheirWireNames() {
        assertEquals(List.of("hangup", "server_restart", "abandoned", "peer_lost", "declined", "cancelled"),
                Arrays.stream(CallEndReason.values()).map(CallEndReason::wireName).toList());
        for (CallEndReason reason : CallEndReason.values()) {
            ServerMessage.CallEnded ended = new ServerMessage.CallEnded(3L, null, Instant.EPOCH, reason);
            assertEquals(ended, codec.decodeServer(codec.encode(ended), RoomMessage.class));
        }
    }

    @Test
    void unknownFieldsAreIgnoredSoNewerPeersCanAddThem() {
        assertEquals(new ClientMessage.Chat("hi"),
                codec.decodeClient("{\"type\":\"chat\",\"text\":\"hi\",\"colour\":\"blue\"}"));
        assertEquals(new ServerMessage.Pong("p"),
                codec.decodeServer("{\"type\":\"pong\",\"requestId\":\"p\",\"v2\":{}}", LobbyMessage.class));
    }

    @Test
    void optionalFieldsAreLeftOutRatherThanSentAsNull() {
        String json = codec.encode(new ServerMessage.CallEnded(3L, null, Instant.parse("2026-11-22T10:00:00Z"),
                CallEndReason.SERVER_RESTART));
        assertEquals("{\"type\":\"callEnded\",\"sessionId\":3,\"endedAt\":\"2026-11-22T10:00:00Z\","
                + "\"reason\":\"server_restart\"}", json);
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
                () -> codec.fromJson("{\"username\":5,\"password\":\"x\"}", LoginRequest.class));
        assertEquals(ErrorCode.BAD_REQUEST, e.code());
        ProtocolException notJson = assertThrows(ProtocolException.class,
                () -> codec.fromJson("username=a", LoginRequest.class));
        assertEquals(ErrorCode.BAD_REQUEST, notJson.code());
    }

    @Test
    void restErrorBodyHasCodeAndMessage() throws Exception {
        JsonNode tree = plain.readTree(codec.toJson(ApiError.of(ErrorCode.FORBIDDEN, "Not your appointment.")));
        assertEquals("FORBIDDEN", tree.at("/error/code").asText());
        assertEquals("Not your appointment.", tree.at("/error/message").asText());
    }

    @Test
    void eachSocketsDispatchListsOnlyWhatArrivesThere() {
        // These compile only while every message of the family is handled: a new message breaks the build here.
        RoomMessage room = codec.decodeServer(Fixtures.room("signal-candidate"), RoomMessage.class);
        String roomHandled = switch (room) {
            case ServerMessage.Registered r -> "registered";
            case ServerMessage.ActiveCall a -> "activeCall";
            case ServerMessage.JoinerConnected j -> "joinerConnected";
            case ServerMessage.Signal s -> "signal " + CallEvent.of(s.signal()).wireName();
            case ServerMessage.CallEnded e -> "callEnded";
            case ServerMessage.MediaState m -> "mediaState";
            case ServerMessage.ScreenShare s -> "screenShare";
            case ServerMessage.Chat c -> "chat";
            case ServerMessage.PeerPresence p -> "peerPresence";
            case ServerMessage.Quality q -> "quality " + q.report().level().wireName();
            case ServerMessage.Pong p -> "pong";
            case ServerMessage.Error e -> "error";
            case ServerMessage.WaitingMessage w -> "waitingMessage";
            case ServerMessage.CallDeclined d -> "callDeclined";
            case ServerMessage.ChatTranscript t -> "chatTranscript";
        };
        assertEquals("signal candidate", roomHandled);

        LobbyMessage lobby = codec.decodeServer(Fixtures.lobby("callStatus"), LobbyMessage.class);
        String lobbyHandled = switch (lobby) {
            case ServerMessage.Registered r -> "registered";
            case ServerMessage.CallStatusChanged c -> "callStatus " + c.callStatus().wireName();
            case ServerMessage.AppointmentChanged c -> "appointmentChanged";
            case ServerMessage.Pong p -> "pong";
            case ServerMessage.Error e -> "error";
            case ServerMessage.PatientReadiness r -> "patientReadiness";
        };
        assertEquals("callStatus waiting", lobbyHandled);

        ClientMessage client = codec.decodeClient(Fixtures.client("mediaState"));
        String clientHandled = switch (client) {
            case ClientMessage.Register r -> "register";
            case ClientMessage.Ping p -> "ping";
            case RoomRequest request -> switch (request) {
                case ClientMessage.StartCall s -> "startCall";
                case ClientMessage.JoinCall j -> "joinCall";
                case ClientMessage.Signal s -> "signal";
                case ClientMessage.EndCall e -> "endCall";
                case ClientMessage.MediaState m -> "mediaState " + m.audio() + " " + m.video();
                case ClientMessage.ScreenShare s -> "screenShare";
                case ClientMessage.Chat c -> "chat";
                case ClientMessage.MediaConnectionChanged m -> "mediaConnection " + m.state().wireName();
                case ClientMessage.ReadinessReport r -> "readiness";
                case ClientMessage.Quality q -> "quality " + q.report().level().wireName();
            };
        };
        assertEquals("mediaState false true", clientHandled);
    }

    @Test
    void readinessKeepsTheProbeAndTheNamesOfItsValues() {
        ClientMessage.ReadinessReport report =
                (ClientMessage.ReadinessReport) codec.decodeClient(Fixtures.client("readiness"));
        Readiness r = report.readiness();
        assertEquals(Readiness.DeviceStatus.OK, r.camera().status());
        assertTrue(r.camera().framesSeen());
        assertEquals(List.of(Readiness.CandidateType.HOST, Readiness.CandidateType.SRFLX,
                Readiness.CandidateType.RELAY), r.network().candidateTypes());
        assertEquals(2400, r.network().uplinkKbps());
        ServerMessage.PatientReadiness lobby = (ServerMessage.PatientReadiness) codec.decodeServer(
                Fixtures.lobby("patientReadiness"), LobbyMessage.class);
        assertEquals(Readiness.SpeakerStatus.NOT_HEARD, lobby.readiness().speaker().status());
        assertEquals(null, lobby.readiness().network().uplinkKbps());
        assertFalse(codec.encode(lobby).contains("uplinkKbps"), "an unmeasured uplink is left out, not null");
    }

    private SignalPayload signal(String clientFixture) {
        return ((ClientMessage.Signal) codec.decodeClient(Fixtures.client(clientFixture))).signal();
    }

    private Stream<DynamicTest> badCases(String file, java.util.function.Function<JsonNode, Consumer<String>> decoder)
            throws Exception {
        JsonNode cases = plain.readTree(Fixtures.read("fixtures/" + file));
        return StreamSupport.stream(cases.spliterator(), false)
                .map(c -> DynamicTest.dynamicTest(c.get("name").asText(), () -> {
                    String raw = c.get("raw").asText();
                    ProtocolException e = assertThrows(ProtocolException.class,
                            () -> decoder.apply(c).accept(raw), "accepted " + raw);
                    assertEquals(ErrorCode.valueOf(c.get("code").asText()), e.code(), e.getMessage());
                    assertFalse(e.getMessage() == null || e.getMessage().isBlank());
                    assertEquals(c.has("requestId") ? c.get("requestId").asText() : null, e.requestId());
                }));
    }

    /** The types of the invalid cases whose text is a JSON object with a text type. */
    private Set<String> badCaseTypes(String file) throws IOException {
        Set<String> types = new java.util.HashSet<>();
        for (JsonNode c : plain.readTree(Fixtures.read("fixtures/" + file))) {
            try {
                JsonNode type = plain.readTree(c.get("raw").asText()).path("type");
                if (type.isTextual() && !c.get("code").asText().equals("UNKNOWN_TYPE")) {
                    types.add(type.asText());
                }
            } catch (IOException notJson) {
                // a malformed case: it names no type
            }
        }
        return types;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The wire names of the envelope's records that belong to the family. */
    private static Set<String> wireNames(Class<?> envelope, Class<?> family) {
        return records(envelope).stream().filter(family::isAssignableFrom).map(ProtocolCodec::wireName)
                .collect(Collectors.toSet());
    }

    /** The records below a sealed interface, through its sealed sub-interfaces. */
    private static Set<Class<?>> records(Class<?> sealed) {
        Set<Class<?>> found = new java.util.HashSet<>();
        for (Class<?> permitted : sealed.getPermittedSubclasses()) {
            if (permitted.isRecord()) {
                found.add(permitted);
            } else {
                found.addAll(records(permitted));
            }
        }
        return found;
    }

    private Set<String> fixtureTypes(String dir) throws Exception {
        try (Stream<Path> files = fixtureFiles(dir)) {
            return files.map(f -> {
                try {
                    return plain.readTree(Files.readString(f)).get("type").asText();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).collect(Collectors.toSet());
        }
    }

    private static Stream<Path> fixtureFiles(String dir) throws IOException, URISyntaxException {
        Path root = Path.of(ProtocolCodecTest.class.getClassLoader().getResource("fixtures/" + dir).toURI());
        List<Path> files;
        try (Stream<Path> list = Files.list(root)) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no fixtures in " + dir);
        return files.stream();
    }
}
