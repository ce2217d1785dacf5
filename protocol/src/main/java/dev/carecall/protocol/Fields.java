package dev.carecall.protocol;

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
}
