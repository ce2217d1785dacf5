package dev.carecall.console.call;

import dev.carecall.protocol.ClientKind;
import dev.carecall.protocol.QualityLevel;
import dev.carecall.protocol.QualityReport;
import dev.carecall.protocol.Readiness.CandidateType;
import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsType;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns successive WebRTC statistics reports into the figures of the interval between them, as the page's
 * QualityMeter does with {@code getStats()}: webrtc-java 0.14.0 hands the same libwebrtc members ({@code bytesSent},
 * {@code packetsLost}, {@code fractionLost}, {@code availableOutgoingBitrate}, ...) as a map per statistics object.
 * Confined to the call's executor.
 */
final class QualityMeter {
    private Map<String, Map<String, Object>> previous;
    private long previousNanos;
    /** The selected candidate pair's types in the last report: {local, remote}, or null when none was selected. */
    private CandidateType[] pair;

    /** The figures since the previous report (rates and loss need two reports; the first gives the rest). */
    MediaFigures sample(Collection<RTCStats> report, long nowNanos) {
        Map<String, Map<String, Object>> before = previous;
        double seconds = before == null ? 0 : (nowNanos - previousNanos) / 1e9;
        Map<String, Map<String, Object>> byId = new HashMap<>();
        String selectedPair = null;
        for (RTCStats stats : report) {
            byId.put(stats.getId(), stats.getAttributes());
            if (stats.getType() == RTCStatsType.TRANSPORT && stats.getAttributes().get("selectedCandidatePairId") != null) {
                selectedPair = stats.getAttributes().get("selectedCandidatePairId").toString();
            }
        }
        previous = byId;
        previousNanos = nowNanos;

        Integer rtt = null;
        Integer available = null;
        long sent = 0;
        long received = 0;
        Double receiveLoss = null;
        Double sendLoss = null;
        Double jitter = null;
        Integer sendFps = null;
        Integer receiveFps = null;
        String sendResolution = null;
        String receiveResolution = null;
        for (RTCStats stats : report) {
            Map<String, Object> a = stats.getAttributes();
            Map<String, Object> old = before == null ? null : before.get(stats.getId());
            boolean video = "video".equals(String.valueOf(a.get("kind")));
            switch (stats.getType()) {
                case CANDIDATE_PAIR -> {
                    boolean selected = selectedPair != null ? stats.getId().equals(selectedPair)
                            : Boolean.TRUE.equals(a.get("nominated")) && "succeeded".equals(a.get("state"));
                    if (selected) {
                        pair = pairTypes(byId, a);
                        if (a.get("currentRoundTripTime") instanceof Number s) {
                            rtt = (int) Math.round(s.doubleValue() * 1000);
                        }
                        if (a.get("availableOutgoingBitrate") instanceof Number bps) {
                            available = (int) Math.round(bps.doubleValue() / 1000);
                        }
                    }
                }
                case OUTBOUND_RTP -> {
                    if (old != null) {
                        sent += Math.max(0, number(a, "bytesSent") - number(old, "bytesSent"));
                    }
                    if (video && number(a, "frameWidth") > 0) {
                        sendResolution = number(a, "frameWidth") + "x" + number(a, "frameHeight");
                        if (a.get("framesPerSecond") instanceof Number fps) {
                            sendFps = (int) Math.round(fps.doubleValue());
                        }
                    }
                }
                case INBOUND_RTP -> {
                    if (old != null) {
                        received += Math.max(0, number(a, "bytesReceived") - number(old, "bytesReceived"));
                        long lost = Math.max(0, number(a, "packetsLost") - number(old, "packetsLost"));
                        long got = Math.max(0, number(a, "packetsReceived") - number(old, "packetsReceived"));
                        if (lost + got > 0) {
                            receiveLoss = max(receiveLoss, round1(100.0 * lost / (lost + got)));
                        }
                    }
                    if (!video && a.get("jitter") instanceof Number j) {
                        jitter = max(jitter, j.doubleValue() * 1000);
                    }
                    if (video && number(a, "frameWidth") > 0) {
                        receiveResolution = number(a, "frameWidth") + "x" + number(a, "frameHeight");
                        if (a.get("framesPerSecond") instanceof Number fps) {
                            receiveFps = (int) Math.round(fps.doubleValue());
                        }
                    }
                }
                case REMOTE_INBOUND_RTP -> {
                    if (a.get("fractionLost") instanceof Number f) {
                        sendLoss = max(sendLoss, round1(Math.clamp(f.doubleValue() * 100, 0, 100)));
                    }
                }
                default -> {
                }
            }
        }
        Integer sendKbps = seconds > 0 ? (int) Math.round(sent * 8 / 1000.0 / seconds) : null;
        Integer receiveKbps = seconds > 0 ? (int) Math.round(received * 8 / 1000.0 / seconds) : null;
        return new MediaFigures(rtt, null, sendKbps, receiveKbps, available, sendLoss, receiveLoss,
                jitter == null ? null : (int) Math.round(jitter), sendFps, receiveFps, sendResolution,
                receiveResolution);
    }

    /**
     * The report this side sends: the figures of {@link #sample} and its own judgement, with the selected candidate
     * pair's types (a direct path or through a relay, for the call's history) and this program's kind.
     */
    QualityReport report(MediaFigures figures, QualityLevel level) {
        return figures.report(level, pair == null ? null : pair[0], pair == null ? null : pair[1], ClientKind.CONSOLE);
    }

    /** The types of the pair's two candidates, or null when either is not in the report or of no known type. */
    private static CandidateType[] pairTypes(Map<String, Map<String, Object>> byId, Map<String, Object> pair) {
        CandidateType local = candidateType(byId.get(String.valueOf(pair.get("localCandidateId"))));
        CandidateType remote = candidateType(byId.get(String.valueOf(pair.get("remoteCandidateId"))));
        return local == null || remote == null ? null : new CandidateType[] {local, remote};
    }

    private static CandidateType candidateType(Map<String, Object> candidate) {
        if (candidate == null || candidate.get("candidateType") == null) {
            return null;
        }
        String type = candidate.get("candidateType").toString().toLowerCase(java.util.Locale.ROOT);
        for (CandidateType known : CandidateType.values()) {
            if (known.wireName().equals(type)) {
                return known;
            }
        }
        return null;
    }

    private static long number(Map<String, Object> attributes, String name) {
        return attributes.get(name) instanceof Number n ? n.longValue() : 0;
    }

    private static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static Double max(Double a, double b) {
        return a == null || b > a ? b : a;
    }
}
