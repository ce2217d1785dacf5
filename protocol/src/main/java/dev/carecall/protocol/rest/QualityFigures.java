package dev.carecall.protocol.rest;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One side's quality over a whole call, summed up from its {@code qualitySample} log entries. A figure no sample
 * carried is null.
 *
 * @param samples           how many samples the side reported
 * @param medianRttMs       median round trip time, milliseconds
 * @param worstRttMs        highest round trip time, milliseconds
 * @param medianLossPercent median packet loss, percent
 * @param worstLossPercent  highest packet loss, percent
 * @param medianSendKbps    median send rate, kilobits a second
 * @param medianReceiveKbps median receive rate, kilobits a second
 * @param secondsPoor       how long the side judged the call poor: from each {@code poor} sample to the side's next
 *                          sample (or the end of the call)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QualityFigures(int samples, Double medianRttMs, Double worstRttMs, Double medianLossPercent,
                             Double worstLossPercent, Long medianSendKbps, Long medianReceiveKbps, long secondsPoor) {
}
