package dev.carecall.console.call;

import dev.carecall.protocol.ClientKind;
import dev.carecall.protocol.QualityLevel;
import dev.carecall.protocol.Readiness.CandidateType;
import dev.carecall.protocol.QualityReport;

/**
 * This side's media over the last second, from WebRTC statistics and its own round trip to the server. "Send" is
 * this side's upload. A figure not measured (yet) is null.
 *
 * @param rttMs             media round trip of the selected candidate pair, ms
 * @param serverRttMs       this side's round trip to the server (worst of the last 10 s), ms
 * @param sendKbps          bitrate sent, kbit/s
 * @param receiveKbps       bitrate received, kbit/s
 * @param availableSendKbps the congestion control's estimate of this side's upload, kbit/s
 * @param sendLossPct       share of this side's packets the other side reported lost, %
 * @param receiveLossPct    share of the other side's packets that did not arrive, %
 * @param jitterMs          jitter of the received audio, ms
 * @param sendFps           video frames sent a second
 * @param receiveFps        video frames received a second
 * @param sendResolution    size of the video sent, {@code WIDTHxHEIGHT}
 * @param receiveResolution size of the video received
 */
public record MediaFigures(Integer rttMs, Integer serverRttMs, Integer sendKbps, Integer receiveKbps,
                           Integer availableSendKbps, Double sendLossPct, Double receiveLossPct, Integer jitterMs,
                           Integer sendFps, Integer receiveFps, String sendResolution, String receiveResolution) {

    /** Nothing measured. */
    public static final MediaFigures NONE = new MediaFigures(null, null, null, null, null, null, null, null, null,
            null, null, null);

    /** The other side's report read as figures. */
    public static MediaFigures of(QualityReport r) {
        return new MediaFigures(r.rttMs(), r.serverRttMs(), r.sendKbps(), r.receiveKbps(), r.availableSendKbps(),
                r.sendLossPct(), r.receiveLossPct(), r.jitterMs(), r.sendFps(), r.receiveFps(), r.sendResolution(),
                r.receiveResolution());
    }

    /** The same figures with this side's server round trip. */
    MediaFigures withServerRtt(Integer ms) {
        return new MediaFigures(rttMs, ms, sendKbps, receiveKbps, availableSendKbps, sendLossPct, receiveLossPct,
                jitterMs, sendFps, receiveFps, sendResolution, receiveResolution);
    }

    /**
     * The report this side sends: these figures, this side's own judgement of them, the selected candidate pair's
     * types (null when none is selected) and which program sends it.
     */
    QualityReport report(QualityLevel level, CandidateType local, CandidateType remote, ClientKind client) {
        return new QualityReport(level, rttMs, serverRttMs, sendKbps, receiveKbps, availableSendKbps, sendLossPct,
                receiveLossPct, jitterMs, sendFps, receiveFps, sendResolution, receiveResolution, local, remote,
                client);
    }
}
