package dev.carecall.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.regex.Pattern;

/**
 * One party's view of the call's media over the last second or so, from its WebRTC statistics and its own round trip
 * to the server, so the other party can tell whose side a problem is on. "Send" is what this party sends (its
 * upload), "receive" what it receives. Every figure is optional: a party leaves out what it cannot measure (no
 * video sent, no statistics yet).
 *
 * @param level             how the sender judges the call from its own figures
 * @param rttMs             round trip of the media path (the selected candidate pair), milliseconds
 * @param serverRttMs       the sender's own round trip to the signaling server (its worst of the last seconds),
 *                          milliseconds: the one figure that tells whose network is slow or lossy
 * @param sendKbps          bitrate sent, kilobits a second
 * @param receiveKbps       bitrate received, kilobits a second
 * @param availableSendKbps what the sender's congestion control thinks its upload can carry, kilobits a second
 * @param sendLossPct       share of the sender's packets the other side reported lost, percent (0–100)
 * @param receiveLossPct    share of the packets meant for the sender that never arrived, percent (0–100)
 * @param jitterMs          jitter of what the sender receives, milliseconds
 * @param sendFps           video frames sent a second
 * @param receiveFps        video frames received a second
 * @param sendResolution    size of the video sent, {@code WIDTHxHEIGHT}
 * @param receiveResolution size of the video received, {@code WIDTHxHEIGHT}
 * @param localCandidate    the type of the sender's own candidate in the selected pair: with {@code remoteCandidate}
 *                          it tells a direct path from one through a relay
 * @param remoteCandidate   the type of the other party's candidate in the selected pair
 * @param client            which program the sender uses (a browser or CareCall's engine)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QualityReport(QualityLevel level, Integer rttMs, Integer serverRttMs, Integer sendKbps,
                            Integer receiveKbps, Integer availableSendKbps, Double sendLossPct, Double receiveLossPct,
                            Integer jitterMs, Integer sendFps, Integer receiveFps, String sendResolution,
                            String receiveResolution, Readiness.CandidateType localCandidate,
                            Readiness.CandidateType remoteCandidate, ClientKind client) {
    private static final Pattern RESOLUTION = Pattern.compile("[0-9]{1,5}x[0-9]{1,5}");
    /** Larger than any real figure; keeps a broken client's numbers out of the stored summaries. */
    private static final int MAX_FIGURE = 10_000_000;

    public QualityReport {
        Fields.require(level, "level");
        figure(rttMs, "rttMs");
        figure(serverRttMs, "serverRttMs");
        figure(sendKbps, "sendKbps");
        figure(receiveKbps, "receiveKbps");
        figure(availableSendKbps, "availableSendKbps");
        percent(sendLossPct, "sendLossPct");
        percent(receiveLossPct, "receiveLossPct");
        figure(jitterMs, "jitterMs");
        figure(sendFps, "sendFps");
        figure(receiveFps, "receiveFps");
        resolution(sendResolution, "sendResolution");
        resolution(receiveResolution, "receiveResolution");
    }

    /** A report with only a level (no statistics yet). A factory, not a constructor: the codec must never read a
     * bare text as a report. */
    public static QualityReport levelOnly(QualityLevel level) {
        return new QualityReport(level, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null);
    }

    /** Whether the selected pair runs through a TURN relay on either side; null when the pair is not known. */
    public Boolean relayed() {
        if (localCandidate == null || remoteCandidate == null) {
            return null;
        }
        return localCandidate == Readiness.CandidateType.RELAY || remoteCandidate == Readiness.CandidateType.RELAY;
    }

    private static void figure(Integer value, String field) {
        if (value != null && (value < 0 || value > MAX_FIGURE)) {
            throw new ProtocolException(ErrorCode.INVALID_FIELD,
                    "field 'report." + field + "' must be a whole number from 0 to " + MAX_FIGURE);
        }
    }

    private static void percent(Double value, String field) {
        if (value != null && !(value >= 0 && value <= 100)) {
            throw new ProtocolException(ErrorCode.INVALID_FIELD, "field 'report." + field + "' must be 0 to 100");
        }
    }

    private static void resolution(String value, String field) {
        if (value != null && !RESOLUTION.matcher(value).matches()) {
            throw new ProtocolException(ErrorCode.INVALID_FIELD,
                    "field 'report." + field + "' must be WIDTHxHEIGHT, e.g. 640x480");
        }
    }
}
