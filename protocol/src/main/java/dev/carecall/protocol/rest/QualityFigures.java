package dev.carecall.protocol.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.carecall.protocol.ClientKind;
import dev.carecall.protocol.Readiness.CandidateType;

/**
 * One side's quality over a whole call, summed up by the server from the {@code quality} reports that side sent. A
 * figure no report carried is null. "Send" is that side's upload.
 *
 * @param samples           how many reports the side sent (about one a second while the media were connected)
 * @param medianRttMs       median round trip time of the media, milliseconds
 * @param worstRttMs        highest round trip time, milliseconds
 * @param medianLossPercent median share of the packets meant for this side that were lost, percent
 * @param worstLossPercent  highest of that, percent
 * @param medianSendKbps    median send rate, kilobits a second
 * @param medianReceiveKbps median receive rate, kilobits a second
 * @param secondsPoor       how long the side judged the call poor
 * @param client            which program reported: a browser or CareCall's engine; null if it did not say
 * @param localCandidate    the type of this side's candidate in the selected pair (its last report that named one)
 * @param remoteCandidate   the type of the other side's candidate in that pair
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QualityFigures(int samples, Double medianRttMs, Double worstRttMs, Double medianLossPercent,
                             Double worstLossPercent, Long medianSendKbps, Long medianReceiveKbps, long secondsPoor,
                             ClientKind client, CandidateType localCandidate, CandidateType remoteCandidate) {
}
