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
        String localCandidate = null;
        String remoteCandidate = null;
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
                    if (selected) {
                        localCandidate = String.valueOf(a.get("localCandidateId"));
                        remoteCandidate = String.valueOf(a.get("remoteCandidateId"));
                    }
                }
                default -> {
                }
            }
        }
        return new CallStatistics(framesDecoded, framesSent, audioPacketsReceived, audioBytesReceived,
                audioPacketsSent, rttMillis, candidateType(report, localCandidate),
                candidateType(report, remoteCandidate));
    }

    /** {@code host}, {@code srflx}, {@code prflx} or {@code relay} of the candidate with this id, or null. */
    private static String candidateType(Collection<RTCStats> report, String id) {
        for (RTCStats stats : report) {
            if (stats.getId().equals(id) && stats.getAttributes().get("candidateType") != null) {
                return stats.getAttributes().get("candidateType").toString();
            }
        }
        return null;
    }

    private static long number(Map<String, Object> attributes, String name) {
        return attributes.get(name) instanceof Number n ? n.longValue() : 0;
    }
}
