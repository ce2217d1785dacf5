package dev.carecall.protocol.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.carecall.protocol.QualityLevel;

/**
 * One side's call quality at one moment, as that side measured it from its WebRTC statistics and reported it. The
 * call's log keeps it in a {@code qualitySample} entry ({@link CallEventView#quality()}); the call's history sums the
 * entries of each side up ({@link QualityFigures}). Figures a side could not measure are null.
 *
 * @param level       the side's verdict: good, fair or poor
 * @param rttMs       round trip time of the media path, milliseconds
 * @param lossPercent packets lost of those received, percent (0–100)
 * @param sendKbps    what this side sends, kilobits a second (audio and video)
 * @param receiveKbps what this side receives, kilobits a second
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QualitySample(QualityLevel level, Double rttMs, Double lossPercent, Long sendKbps, Long receiveKbps) {
}
