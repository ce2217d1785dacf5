package dev.carecall.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Objects;

/**
 * The WebRTC payload of a {@code signal} message, typed: a {@link SessionDescription}, an {@link IceCandidate} or the
 * {@link EndOfCandidates} marker. These are the browser's own shapes ({@code RTCSessionDescriptionInit},
 * {@code RTCIceCandidateInit}), so a page can pass what its peer connection gives it.
 *
 * <p>Each payload keeps the JSON object its sender wrote, and that object is what goes on the wire again: the other
 * party receives it field for field, including fields this side does not model (a browser's future additions), key
 * order and explicit {@code null}s. The typed accessors only read it. A shape that is none of the three is a
 * {@link ProtocolException} ({@link ErrorCode#INVALID_FIELD}, or {@link ErrorCode#MISSING_FIELD} for a description
 * without SDP).
 */
public abstract sealed class SignalPayload permits SignalPayload.SessionDescription, SignalPayload.CandidateInit {
    private final ObjectNode json;

    private SignalPayload(ObjectNode json) {
        this.json = json;
    }

    /**
     * Reads a payload as a peer sent it.
     *
     * @throws ProtocolException if it is not a JSON object of one of the three shapes
     */
    public static SignalPayload parse(JsonNode json) {
        if (json == null || json.isNull() || json.isMissingNode()) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "field 'signal' is required");
        }
        if (!json.isObject()) {
            throw new ProtocolException(ErrorCode.INVALID_FIELD, "field 'signal' must be a JSON object");
        }
        return read(((ObjectNode) json).deepCopy());
    }

    /** {@link #parse} for a tree nobody else holds (the codec's own), without the copy. */
    static SignalPayload read(ObjectNode json) {
        JsonNode type = json.get("type");
        if (type != null && !type.isNull()) {
            return new SessionDescription(json);
        }
        JsonNode candidate = json.get("candidate");
        if (candidate != null && !candidate.isNull()) {
            String line = text(json, "candidate");
            return line.isEmpty() ? new EndOfCandidates(json) : new IceCandidate(json, line);
        }
        throw new ProtocolException(ErrorCode.INVALID_FIELD, "field 'signal' must be a session description (type and "
                + "sdp), an ICE candidate (candidate) or the end of candidates (an empty candidate)");
    }

    /** The payload exactly as its sender wrote it (a copy). */
    public ObjectNode json() {
        return json.deepCopy();
    }

    /** The payload without a copy, for the codec that writes it. */
    ObjectNode wire() {
        return json;
    }

    @Override
    public final boolean equals(Object other) {
        return other != null && other.getClass() == getClass() && json.equals(((SignalPayload) other).json);
    }

    @Override
    public final int hashCode() {
        return json.hashCode();
    }

    /**
     * A session description: {@code {"type":"offer"|"answer"|"pranswer"|"rollback","sdp":"v=0..."}}. Offer, answer and
     * pranswer need a non-blank SDP; a rollback may have none.
     */
    public static final class SessionDescription extends SignalPayload {
        private final SdpType type;
        private final String sdp;

        private SessionDescription(ObjectNode json) {
            super(json);
            JsonNode typeNode = json.get("type");
            if (!typeNode.isTextual()) {
                throw new ProtocolException(ErrorCode.INVALID_FIELD,
                        "field 'signal.type' must be offer, answer, pranswer or rollback");
            }
            this.type = SdpType.fromWire(typeNode.asText());
            String text = optionalText(json, "sdp");
            if (type != SdpType.ROLLBACK) {
                if (text == null) {
                    throw new ProtocolException(ErrorCode.MISSING_FIELD,
                            "a description signal of type " + type.wireName() + " needs a text 'sdp'");
                }
                if (text.isBlank()) {
                    throw new ProtocolException(ErrorCode.INVALID_FIELD, "field 'signal.sdp' must not be blank");
                }
            }
            this.sdp = text == null ? "" : text;
        }

        /** A description this side made (the console's offer or answer). */
        public static SessionDescription of(SdpType type, String sdp) {
            ObjectNode json = JsonNodeFactory.instance.objectNode();
            json.put("type", Objects.requireNonNull(type, "type").wireName());
            if (sdp != null) {
                json.put("sdp", sdp);
            }
            return new SessionDescription(json);
        }

        /** offer, answer, pranswer or rollback. */
        public SdpType type() {
            return type;
        }

        /** The SDP text; empty for a rollback that carries none. */
        public String sdp() {
            return sdp;
        }

        @Override
        public String toString() {
            return type.wireName() + " (" + sdp.length() + " characters of SDP)";
        }
    }

    /**
     * The browser's {@code RTCIceCandidateInit} shape, which a candidate and the end of candidates share:
     * {@code sdpMid}, {@code sdpMLineIndex} and {@code usernameFragment}, each absent or {@code null} as browsers
     * write them. Switch over {@link IceCandidate} and {@link EndOfCandidates}.
     */
    public abstract static sealed class CandidateInit extends SignalPayload permits IceCandidate, EndOfCandidates {
        private final String sdpMid;
        private final Integer sdpMLineIndex;
        private final String usernameFragment;

        private CandidateInit(ObjectNode json) {
            super(json);
            this.sdpMid = optionalText(json, "sdpMid");
            this.sdpMLineIndex = optionalIndex(json);
            this.usernameFragment = optionalText(json, "usernameFragment");
        }

        /** The media stream id it belongs to, or null. */
        public String sdpMid() {
            return sdpMid;
        }

        /** The index of the m-line it belongs to, or null. */
        public Integer sdpMLineIndex() {
            return sdpMLineIndex;
        }

        /** The ICE username fragment of the generation it belongs to, or null. */
        public String usernameFragment() {
            return usernameFragment;
        }
    }

    /**
     * A trickled ICE candidate: {@code {"candidate":"candidate:...","sdpMid":"0","sdpMLineIndex":0,
     * "usernameFragment":"..."}}.
     */
    public static final class IceCandidate extends CandidateInit {
        private final String candidate;

        private IceCandidate(ObjectNode json, String candidate) {
            super(json);
            if (candidate.isBlank()) {
                throw new ProtocolException(ErrorCode.INVALID_FIELD,
                        "field 'signal.candidate' must not be blank (an empty one marks the end of candidates)");
            }
            this.candidate = candidate;
        }

        /** A candidate this side gathered (the console's). */
        public static IceCandidate of(String candidate, String sdpMid, Integer sdpMLineIndex) {
            if (candidate == null || candidate.isEmpty()) {
                throw new ProtocolException(ErrorCode.INVALID_FIELD, "an ICE candidate needs its candidate line");
            }
            ObjectNode json = JsonNodeFactory.instance.objectNode();
            json.put("candidate", candidate);
            if (sdpMid != null) {
                json.put("sdpMid", sdpMid);
            }
            if (sdpMLineIndex != null) {
                json.put("sdpMLineIndex", sdpMLineIndex);
            }
            return new IceCandidate(json, candidate);
        }

        /** The {@code candidate:...} line. */
        public String candidate() {
            return candidate;
        }

        @Override
        public String toString() {
            return "candidate mid=" + sdpMid() + " index=" + sdpMLineIndex(); // the line holds addresses: not for logs
        }
    }

    /**
     * The end of a media section's candidates, as browsers mark it: an ICE candidate whose {@code candidate} is the
     * empty string.
     */
    public static final class EndOfCandidates extends CandidateInit {
        private EndOfCandidates(ObjectNode json) {
            super(json);
        }

        @Override
        public String toString() {
            return "end of candidates mid=" + sdpMid() + " index=" + sdpMLineIndex();
        }
    }

    private static String text(ObjectNode json, String field) {
        String value = optionalText(json, field);
        if (value == null) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "field 'signal." + field + "' is required");
        }
        return value;
    }

    private static String optionalText(ObjectNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new ProtocolException(ErrorCode.INVALID_FIELD, "field 'signal." + field + "' must be text");
        }
        return node.asText();
    }

    private static Integer optionalIndex(ObjectNode json) {
        JsonNode node = json.get("sdpMLineIndex");
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isInt() || node.intValue() < 0 || node.intValue() > 65535) {
            throw new ProtocolException(ErrorCode.INVALID_FIELD,
                    "field 'signal.sdpMLineIndex' must be a whole number from 0 to 65535");
        }
        return node.intValue();
    }
}
