package dev.carecall.console.call;

/**
 * Figures read from WebRTC statistics ({@code inbound-rtp} / {@code outbound-rtp}), used by tests and shown as the
 * connection quality.
 *
 * @param videoFramesDecoded     remote video frames decoded so far
 * @param videoFramesSent        local video frames sent so far
 * @param audioPacketsReceived   remote audio packets received so far
 * @param audioBytesReceived     remote audio bytes received so far
 * @param audioPacketsSent       local audio packets sent so far
 * @param roundTripTimeMillis    current round-trip time of the selected candidate pair, or -1 if unknown
 * @param localCandidateType     this side's candidate of the selected pair: {@code host}, {@code srflx},
 *                               {@code prflx} or {@code relay} (through TURN), or null before a pair is selected
 * @param remoteCandidateType    the other side's candidate of the selected pair, or null
 */
public record CallStatistics(long videoFramesDecoded, long videoFramesSent, long audioPacketsReceived,
                             long audioBytesReceived, long audioPacketsSent, double roundTripTimeMillis,
                             String localCandidateType, String remoteCandidateType) {

    /** Figures without a selected pair. */
    public CallStatistics(long videoFramesDecoded, long videoFramesSent, long audioPacketsReceived,
                          long audioBytesReceived, long audioPacketsSent, double roundTripTimeMillis) {
        this(videoFramesDecoded, videoFramesSent, audioPacketsReceived, audioBytesReceived, audioPacketsSent,
                roundTripTimeMillis, null, null);
    }
}
