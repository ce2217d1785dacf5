package dev.carecall.console.call;

import dev.carecall.protocol.SdpType;
import dev.carecall.protocol.SignalPayload;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;

import java.util.logging.Logger;

/**
 * The one place that translates between the protocol's typed {@code signal} payloads and webrtc-java's types. The
 * engine and {@link PeerSession} only see webrtc-java's types. Descriptions both ways get the call's start bitrate
 * ({@link StartBitrate}) on the way.
 */
final class SignalPayloads {
    private static final Logger LOG = Logger.getLogger(SignalPayloads.class.getName());

    /** What a received payload asks for. */
    sealed interface Incoming {
    }

    /** Apply the other party's offer or answer. */
    record Description(RTCSessionDescription description) implements Incoming {
    }

    /**
     * Add the other party's candidate.
     *
     * @param usernameFragment the ICE user fragment it belongs to, or null when the sender did not say
     */
    record Candidate(RTCIceCandidate candidate, String usernameFragment) implements Incoming {
    }

    /** Nothing to do: an end-of-candidates marker, or a description kind this side never acts on. */
    record Nothing() implements Incoming {
    }

    private SignalPayloads() {
    }

    /** Reads the other party's payload. */
    static Incoming read(SignalPayload signal) {
        return switch (signal) {
            case SignalPayload.SessionDescription description -> {
                RTCSdpType sdpType = switch (description.type()) {
                    case OFFER -> RTCSdpType.OFFER;
                    case ANSWER -> RTCSdpType.ANSWER;
                    // Neither side sends these: the answer to every offer comes at once, and rollbacks stay local.
                    case PRANSWER, ROLLBACK -> null;
                };
                if (sdpType == null) {
                    LOG.warning(() -> "ignoring a signal of type " + description.type().wireName());
                    yield new Nothing();
                }
                yield new Description(new RTCSessionDescription(sdpType, StartBitrate.apply(description.sdp())));
            }
            // Without a mid, libwebrtc finds the m-line by its index.
            case SignalPayload.IceCandidate c -> new Candidate(new RTCIceCandidate(
                    c.sdpMid() == null ? "" : c.sdpMid(), c.sdpMLineIndex() == null ? 0 : c.sdpMLineIndex(),
                    c.candidate()), c.usernameFragment());
            // A browser's end-of-candidates marker: libwebrtc needs none, nothing to add.
            case SignalPayload.EndOfCandidates end -> new Nothing();
        };
    }

    /** True when the payload is an offer (the other party negotiates, e.g. restarts ICE, itself). */
    static boolean isOffer(SignalPayload signal) {
        return signal instanceof SignalPayload.SessionDescription d && d.type() == SdpType.OFFER;
    }

    /** This side's offer or answer. */
    static SignalPayload description(RTCSessionDescription local) {
        SdpType type = switch (local.sdpType) {
            case OFFER -> SdpType.OFFER;
            case ANSWER -> SdpType.ANSWER;
            case PR_ANSWER -> SdpType.PRANSWER;
            case ROLLBACK -> SdpType.ROLLBACK;
        };
        return SignalPayload.SessionDescription.of(type, StartBitrate.apply(local.sdp));
    }

    /** One of this side's candidates. */
    static SignalPayload candidate(RTCIceCandidate candidate) {
        return SignalPayload.IceCandidate.of(candidate.sdp, candidate.sdpMid, candidate.sdpMLineIndex);
    }
}
