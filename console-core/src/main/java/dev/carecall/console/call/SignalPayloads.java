package dev.carecall.console.call;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;

import java.util.Locale;
import java.util.logging.Logger;

/**
 * The one place that reads and writes the payload of a {@code signal} message: a session description
 * ({@code type}, {@code sdp}) or an ICE candidate ({@code candidate}, {@code sdpMid}, {@code sdpMLineIndex}), as
 * the browser's WebRTC API writes them. The engine and {@link PeerSession} only see webrtc-java's types.
 */
final class SignalPayloads {
    private static final Logger LOG = Logger.getLogger(SignalPayloads.class.getName());

    /** What a received payload asks for. */
    sealed interface Incoming {
    }

    /** Apply the other party's offer or answer. */
    record Description(RTCSessionDescription description) implements Incoming {
    }

    /** Add the other party's candidate. */
    record Candidate(RTCIceCandidate candidate) implements Incoming {
    }

    /** Nothing to do: an end-of-candidates marker, or a payload this side does not know. */
    record Nothing() implements Incoming {
    }

    private SignalPayloads() {
    }

    /** Reads the other party's payload. */
    static Incoming read(JsonNode signal) {
        if (signal.hasNonNull("type")) {
            String type = signal.path("type").asText();
            String sdp = signal.path("sdp").asText("");
            RTCSdpType sdpType = switch (type) {
                case "offer" -> RTCSdpType.OFFER;
                case "answer" -> RTCSdpType.ANSWER;
                default -> null;
            };
            if (sdpType == null) {
                LOG.warning(() -> "ignoring a signal of type " + type);
                return new Nothing();
            }
            return new Description(new RTCSessionDescription(sdpType, sdp));
        } else if (signal.hasNonNull("candidate")) {
            String line = signal.path("candidate").asText();
            if (line.isBlank()) {
                return new Nothing(); // an end-of-candidates marker from a browser: nothing to add
            }
            return new Candidate(new RTCIceCandidate(signal.path("sdpMid").asText("0"),
                    signal.path("sdpMLineIndex").asInt(0), line));
        }
        return new Nothing();
    }

    /** True when the payload is an offer (the other party negotiates, e.g. restarts ICE, itself). */
    static boolean isOffer(JsonNode signal) {
        return signal.path("type").asText().equals("offer");
    }

    /** This side's offer or answer. */
    static ObjectNode description(RTCSessionDescription local) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("type", local.sdpType.name().toLowerCase(Locale.ROOT));
        payload.put("sdp", local.sdp);
        return payload;
    }

    /** One of this side's candidates. */
    static ObjectNode candidate(RTCIceCandidate candidate) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.put("candidate", candidate.sdp);
        payload.put("sdpMid", candidate.sdpMid);
        payload.put("sdpMLineIndex", candidate.sdpMLineIndex);
        return payload;
    }
}
