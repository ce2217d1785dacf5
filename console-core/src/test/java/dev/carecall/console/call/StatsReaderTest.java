package dev.carecall.console.call;

import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsType;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The figures come from the right entries of a WebRTC statistics report, whatever number types it uses. */
class StatsReaderTest {

    @Test
    void readsInboundOutboundAndTheSelectedPairsRoundTrip() {
        CallStatistics stats = StatsReader.read(List.of(
                stats("IT01V", RTCStatsType.INBOUND_RTP, Map.of("kind", "video", "framesDecoded", 120L)),
                stats("IT01A", RTCStatsType.INBOUND_RTP, Map.of("kind", "audio", "packetsReceived", 400L,
                        "bytesReceived", BigInteger.valueOf(16_000))),
                stats("OT01V", RTCStatsType.OUTBOUND_RTP, Map.of("kind", "video", "framesSent", 118L)),
                stats("OT01A", RTCStatsType.OUTBOUND_RTP, Map.of("kind", "audio", "packetsSent", 401L)),
                stats("T01", RTCStatsType.TRANSPORT, Map.of("selectedCandidatePairId", "CP2")),
                stats("CP1", RTCStatsType.CANDIDATE_PAIR, Map.of("currentRoundTripTime", 0.5)),
                stats("CP2", RTCStatsType.CANDIDATE_PAIR, Map.of("currentRoundTripTime", 0.012,
                        "localCandidateId", "L2", "remoteCandidateId", "R2")),
                stats("L2", RTCStatsType.LOCAL_CANDIDATE, Map.of("candidateType", "relay")),
                stats("R2", RTCStatsType.REMOTE_CANDIDATE, Map.of("candidateType", "srflx"))));
        assertEquals(new CallStatistics(120, 118, 400, 16_000, 401, 12.0, "relay", "srflx"), stats);
    }

    @Test
    void anEmptyReportMeansNothingYetAndAnUnknownRoundTrip() {
        assertEquals(new CallStatistics(0, 0, 0, 0, 0, -1), StatsReader.read(List.of()));
    }

    private static RTCStats stats(String id, RTCStatsType type, Map<String, Object> attributes) {
        return new RTCStats(0, type, id, attributes) {
        };
    }
}
