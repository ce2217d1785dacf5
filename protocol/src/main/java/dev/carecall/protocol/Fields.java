package dev.carecall.protocol;

import com.fasterxml.jackson.databind.JsonNode;

/** Checks used by the compact constructors of the message records, so a bad message never becomes an object. */
final class Fields {
    private Fields() {
    }

    static <T> T require(T value, String field) {
        if (value == null) {
            throw new ProtocolException(ErrorCode.MISSING_FIELD, "field '" + field + "' is required");
        }
        return value;
    }

    static String requireText(String value, String field, int maxLength) {
        require(value, field);
        if (value.isBlank()) {
            throw new ProtocolException(ErrorCode.INVALID_FIELD, "field '" + field + "' must not be blank");
        }
        if (value.length() > maxLength) {
            throw new ProtocolException(ErrorCode.INVALID_FIELD,
                    "field '" + field + "' is longer than " + maxLength + " characters");
        }
        return value;
    }

    static String optionalRequestId(String requestId) {
        if (requestId != null && (requestId.isEmpty() || requestId.length() > Protocol.MAX_REQUEST_ID_LENGTH)) {
            throw new ProtocolException(ErrorCode.INVALID_FIELD,
                    "field 'requestId' must have 1 to " + Protocol.MAX_REQUEST_ID_LENGTH + " characters");
        }
        return requestId;
    }

    /**
     * A WebRTC signal is either a session description {@code {"type":"offer"|"answer","sdp":...}} or an ICE
     * candidate {@code {"candidate":...,"sdpMid":...,"sdpMLineIndex":...}}. It is forwarded unchanged, so it is only
     * checked for that shape.
     */
    static JsonNode requireSignal(JsonNode signal) {
        require(signal, "signal");
        if (!signal.isObject()) {
            throw new ProtocolException(ErrorCode.INVALID_FIELD, "field 'signal' must be a JSON object");
        }
        JsonNode type = signal.get("type");
        JsonNode sdp = signal.get("sdp");
        JsonNode candidate = signal.get("candidate");
        if (type != null && !type.isNull()) {
            if (!type.isTextual() || !(type.asText().equals("offer") || type.asText().equals("answer"))) {
                throw new ProtocolException(ErrorCode.INVALID_FIELD, "field 'signal.type' must be 'offer' or 'answer'");
            }
            if (sdp == null || !sdp.isTextual() || sdp.asText().isBlank()) {
                throw new ProtocolException(ErrorCode.MISSING_FIELD, "a description signal needs a text 'sdp'");
            }
            return signal;
        }
        if (candidate != null && candidate.isTextual()) {
            JsonNode mid = signal.get("sdpMid");
            JsonNode index = signal.get("sdpMLineIndex");
            if (mid != null && !mid.isNull() && !mid.isTextual()) {
                throw new ProtocolException(ErrorCode.INVALID_FIELD, "field 'signal.sdpMid' must be text");
            }
            if (index != null && !index.isNull() && !index.isInt()) {
                throw new ProtocolException(ErrorCode.INVALID_FIELD, "field 'signal.sdpMLineIndex' must be a whole number");
            }
            return signal;
        }
        throw new ProtocolException(ErrorCode.INVALID_FIELD,
                "field 'signal' must be a description (type and sdp) or an ICE candidate (candidate)");
    }
}
