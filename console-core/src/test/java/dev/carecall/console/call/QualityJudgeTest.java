package dev.carecall.console.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carecall.protocol.Fixtures;
import dev.carecall.protocol.ClientKind;
import dev.carecall.protocol.QualityLevel;
import dev.carecall.protocol.QualityReport;
import dev.carecall.protocol.Readiness.CandidateType;
import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsType;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console judges the call as the page does: both are held to the protocol module's shared quality cases. And
 * the figures come from webrtc-java's statistics as the page reads Chromium's.
 */
class QualityJudgeTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> everySharedCaseIsJudgedAsThePageJudgesIt() throws Exception {
        JsonNode cases = JSON.readTree(Fixtures.read("fixtures/quality-cases.json"));
        assertTrue(cases.size() >= 10);
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : cases) {
            tests.add(DynamicTest.dynamicTest(c.get("name").asText(), () -> {
                MediaFigures mine = figures(c.get("mine"));
                MediaFigures theirs = c.get("theirs").isNull() ? null : figures(c.get("theirs"));
                QualityJudge.Verdict verdict = QualityJudge.judge(mine, theirs);
                assertEquals(c.get("level").asText(), verdict.level().wireName());
                assertEquals(c.get("reason").asText(), verdict.reason().wireName());
            }));
        }
        return tests.stream();
    }

    @Test
    void theMeterTurnsTwoReportsASecondApartIntoThatSecondsFigures() {
        QualityMeter meter = new QualityMeter();
        MediaFigures first = meter.sample(report(100_000, 50_000, 0, 1000, 0.0), 0);
        assertNull(first.sendKbps(), "no rates from one report");
        assertEquals(42, first.rttMs());
        MediaFigures f = meter.sample(report(250_000, 150_000, 15, 1085, 0.125), 1_000_000_000L);
        assertEquals(new MediaFigures(42, null, 1320, 800, 1234, 12.5, 15.0, 12, 24, 15, "640x480", "320x240"), f);
        assertEquals(QualityLevel.POOR, QualityJudge.ownLevel(f));
        // What the engine sends is a valid report of the protocol, with the selected pair's types and its kind.
        QualityReport sent = meter.report(f, QualityLevel.POOR);
        assertEquals(f, MediaFigures.of(sent));
        assertEquals(List.of(CandidateType.RELAY, CandidateType.HOST),
                List.of(sent.localCandidate(), sent.remoteCandidate()));
        assertEquals(ClientKind.CONSOLE, sent.client());
    }

    @Test
    void theServerRoundTripIsTheWorstOfTheLastTenSecondsCountingUnansweredPings() {
        ServerRoundTrip rt = new ServerRoundTrip();
        long ms = 1_000_000;
        String a = rt.next(0);
        assertTrue(rt.answered(a, 12 * ms));
        assertEquals(false, rt.answered("keepalive", 13 * ms), "the signaling client's own ping");
        String b = rt.next(1000 * ms);
        rt.answered(b, 1230 * ms);
        assertEquals(230, rt.worst(2000 * ms));
        rt.next(3000 * ms);
        assertEquals(230, rt.worst(3100 * ms));
        assertEquals(400, rt.worst(3400 * ms), "still unanswered after 400 ms");
        String c = rt.next(20_000 * ms);
        rt.answered(c, 20_005 * ms);
        assertEquals(5, rt.worst(20_010 * ms), "the slow ones aged out");
    }

    private static MediaFigures figures(JsonNode n) {
        return new MediaFigures(integer(n, "rttMs"), integer(n, "serverRttMs"), integer(n, "sendKbps"),
                integer(n, "receiveKbps"), integer(n, "availableSendKbps"), decimal(n, "sendLossPct"),
                decimal(n, "receiveLossPct"), integer(n, "jitterMs"), integer(n, "sendFps"), integer(n, "receiveFps"),
                n.hasNonNull("sendResolution") ? n.get("sendResolution").asText() : null,
                n.hasNonNull("receiveResolution") ? n.get("receiveResolution").asText() : null);
    }

    private static Integer integer(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asInt() : null;
    }

    private static Double decimal(JsonNode n, String field) {
        return n.hasNonNull(field) ? n.get(field).asDouble() : null;
    }

    /** A report shaped as webrtc-java 0.14.0 gives it (uint64 members as BigInteger, others as Long or Double). */
    private static List<RTCStats> report(long bytesSent, long bytesReceived, int lost, long received,
                                         double fractionLost) {
        return List.of(
                stats("T1", RTCStatsType.TRANSPORT, Map.of("selectedCandidatePairId", "CP1")),
                stats("CP1", RTCStatsType.CANDIDATE_PAIR, Map.of("currentRoundTripTime", 0.042,
                        "availableOutgoingBitrate", 1_234_000.0, "localCandidateId", "L1", "remoteCandidateId", "R1")),
                stats("L1", RTCStatsType.LOCAL_CANDIDATE, Map.of("candidateType", "relay")),
                stats("R1", RTCStatsType.REMOTE_CANDIDATE, Map.of("candidateType", "host")),
                stats("CP0", RTCStatsType.CANDIDATE_PAIR, Map.of("currentRoundTripTime", 0.9)),
                stats("OV", RTCStatsType.OUTBOUND_RTP, Map.of("kind", "video", "bytesSent",
                        BigInteger.valueOf(bytesSent), "frameWidth", 640L, "frameHeight", 480L,
                        "framesPerSecond", 24.0)),
                stats("OA", RTCStatsType.OUTBOUND_RTP, Map.of("kind", "audio", "bytesSent",
                        BigInteger.valueOf(bytesSent / 10))),
                stats("IV", RTCStatsType.INBOUND_RTP, Map.of("kind", "video", "bytesReceived",
                        BigInteger.valueOf(bytesReceived), "packetsLost", lost, "packetsReceived", received,
                        "frameWidth", 320L, "frameHeight", 240L, "framesPerSecond", 15.0)),
                stats("IA", RTCStatsType.INBOUND_RTP, Map.of("kind", "audio", "bytesReceived",
                        BigInteger.valueOf(1000), "packetsLost", 0, "packetsReceived", received, "jitter", 0.012)),
                stats("RV", RTCStatsType.REMOTE_INBOUND_RTP, Map.of("kind", "video", "fractionLost", fractionLost)));
    }

    private static RTCStats stats(String id, RTCStatsType type, Map<String, Object> attributes) {
        return new RTCStats(0, type, id, attributes) {
        };
    }
}
