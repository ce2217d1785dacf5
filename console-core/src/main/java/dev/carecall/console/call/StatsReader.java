package dev.carecall.console.call;

import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsType;

import java.util.Collection;
import java.util.Map;

/** Turns a WebRTC statistics report into the few figures the console shows and the tests check. */
final class StatsReader {
    /** No call, no figures. */
    static final CallStatistics EMPTY = new CallStatistics(0, 0, 0, 0, 0, -1);

    private StatsReader() {
    }

    static CallStatistics read(Collection<RTCStats> report) {
        long framesDecoded = 0;
        long framesSent = 0;
        long audioPacketsReceived = 0;
        long audioBytesReceived = 0;
        long audioPacketsSent = 0;
        String selectedPair = null;
        for (RTCStats stats : report) {
            Map<String, Object> a = stats.getAttributes();
            if (stats.getType() == RTCStatsType.TRANSPORT && a.get("selectedCandidatePairId") != null) {
                selectedPair = a.get("selectedCandidatePairId").toString();
            }
        }
        double rttMillis = -1;
        for (RTCStats stats : report) {
            Map<String, Object> a = stats.getAttributes();
            boolean video = "video".equals(String.valueOf(a.get("kind")));
            switch (stats.getType()) {
                case INBOUND_RTP -> {
                    if (video) {
                        framesDecoded += number(a, "framesDecoded");
                    } else {
                        audioPacketsReceived += number(a, "packetsReceived");
                        audioBytesReceived += number(a, "bytesReceived");
                    }
                }
                case OUTBOUND_RTP -> {
                    if (video) {
                        framesSent += number(a, "framesSent");
                    } else {
                        audioPacketsSent += number(a, "packetsSent");
                    }
                }
                case CANDIDATE_PAIR -> {
                    boolean selected = selectedPair != null ? stats.getId().equals(selectedPair)
                            : Boolean.TRUE.equals(a.get("nominated")) && "succeeded".equals(a.get("state"));
                    if (selected && a.get("currentRoundTripTime") instanceof Number seconds) {
                        rttMillis = seconds.doubleValue() * 1000;
                    }
                }
                default -> {
                }
            }
        }
        return new CallStatistics(framesDecoded, framesSent, audioPacketsReceived, audioBytesReceived,
                audioPacketsSent, rttMillis);
    }

    private static long number(Map<String, Object> attributes, String name) {
        return attributes.get(name) instanceof Number n ? n.longValue() : 0;
    }
}
