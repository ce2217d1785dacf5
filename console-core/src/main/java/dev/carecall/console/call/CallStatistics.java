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
 */
public record CallStatistics(long videoFramesDecoded, long videoFramesSent, long audioPacketsReceived,
                             long audioBytesReceived, long audioPacketsSent, double roundTripTimeMillis) {
}
