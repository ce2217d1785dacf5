package dev.carecall.console.waitingroom;

import dev.carecall.console.i18n.Texts;
import dev.carecall.protocol.Readiness;
import dev.carecall.protocol.Readiness.CandidateType;

import java.util.List;

/**
 * A waiting patient's pre-call check in plain words for the doctor's list: "Camera ✓, microphone ✓, speaker ✓,
 * network: good, will use a relay", and a second line with the figures behind it.
 */
public final class ReadinessWords {
    /** Round trips and uploads beyond which a video call suffers; the same bands the quality indicator uses. */
    static final int FAIR_RTT_MS = 150;
    static final int POOR_RTT_MS = 400;
    static final int FAIR_UPLINK_KBPS = 1000;
    static final int POOR_UPLINK_KBPS = 300;

    /** How the network looks for a video call. */
    public enum Network { GOOD, FAIR, POOR, NONE }

    private ReadinessWords() {
    }

    /** The one line on the patient's card. */
    public static String line(Readiness r, Texts texts) {
        String camera = r.camera().status() == Readiness.DeviceStatus.OK
                ? texts.get(r.camera().framesSeen() ? "readiness.camera.ok" : "readiness.camera.noFrames")
                : texts.get("readiness.camera.problem", status(r.camera().status(), texts));
        String microphone = r.microphone().status() == Readiness.DeviceStatus.OK
                ? texts.get(r.microphone().levelSeen() ? "readiness.microphone.ok" : "readiness.microphone.silent")
                : texts.get("readiness.microphone.problem", status(r.microphone().status(), texts));
        String speaker = texts.get(switch (r.speaker().status()) {
            case HEARD -> "readiness.speaker.heard";
            case UNTESTED -> "readiness.speaker.untested";
            case NOT_HEARD, FAILED -> "readiness.speaker.notHeard";
        });
        Network grade = network(r.network());
        String network = texts.get(switch (grade) {
            case GOOD -> "readiness.network.good";
            case FAIR -> "readiness.network.fair";
            case POOR -> "readiness.network.poor";
            case NONE -> "readiness.network.none";
        });
        List<CandidateType> types = r.network().candidateTypes();
        String path = grade == Network.NONE ? null
                : types.contains(CandidateType.HOST) || types.contains(CandidateType.SRFLX)
                || types.contains(CandidateType.PRFLX) ? texts.get("readiness.path.direct")
                : texts.get("readiness.path.relay");
        return String.join(", ", path == null ? List.of(camera, microphone, speaker, network)
                : List.of(camera, microphone, speaker, network, path));
    }

    /** The figures behind the line: round trip, upload, browser and device. */
    public static String details(Readiness r, Texts texts) {
        String rtt = r.network().roundTripMs() == null ? "–" : texts.get("readiness.ms", r.network().roundTripMs());
        String uplink = r.network().uplinkKbps() == null ? "–" : r.network().uplinkKbps() >= 1000
                ? texts.get("readiness.mbps", String.format(texts.locale(), "%.1f", r.network().uplinkKbps() / 1000.0))
                : texts.get("readiness.kbps", r.network().uplinkKbps());
        return texts.get("readiness.details", rtt, uplink, r.browser(), r.device());
    }

    /** Good, fair or poor from the round trip and the upload; none when no candidate was found. */
    public static Network network(Readiness.NetworkProbe probe) {
        if (probe.candidateTypes().isEmpty()) {
            return Network.NONE;
        }
        Integer rtt = probe.roundTripMs();
        Integer up = probe.uplinkKbps();
        if ((rtt != null && rtt > POOR_RTT_MS) || (up != null && up < POOR_UPLINK_KBPS)) {
            return Network.POOR;
        }
        if ((rtt != null && rtt > FAIR_RTT_MS) || (up != null && up < FAIR_UPLINK_KBPS)) {
            return Network.FAIR;
        }
        return Network.GOOD;
    }

    private static String status(Readiness.DeviceStatus status, Texts texts) {
        return texts.get(switch (status) {
            case CHECKING -> "readiness.status.checking";
            case OK -> "readiness.status.ok";
            case DENIED -> "readiness.status.denied";
            case BUSY -> "readiness.status.busy";
            case MISSING -> "readiness.status.missing";
            case INSECURE -> "readiness.status.insecure";
            case UNKNOWN -> "readiness.status.unknown";
        });
    }
}
