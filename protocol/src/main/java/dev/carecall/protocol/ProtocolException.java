package dev.carecall.protocol;

/**
 * Input that breaks the protocol: malformed JSON, an unknown type, a missing or mistyped field. Carries the
 * {@link ErrorCode} to answer with and the request id, when the offending message had a readable one.
 */
public final class ProtocolException extends RuntimeException {
    private final ErrorCode code;
    private final String requestId;

    /** A protocol error without a request id. */
    public ProtocolException(ErrorCode code, String detail) {
        this(code, detail, null, null);
    }

    /** A protocol error with the request id of the message that caused it and the underlying cause. */
    public ProtocolException(ErrorCode code, String detail, String requestId, Throwable cause) {
        super(detail, cause);
        this.code = code;
        this.requestId = requestId;
    }

    /** What went wrong, as a code for the wire. */
    public ErrorCode code() {
        return code;
    }

    /** The request id of the offending message, or null. */
    public String requestId() {
        return requestId;
    }

    /** The same error, tagged with the request id of the message it came from. */
    ProtocolException withRequestId(String id) {
        return new ProtocolException(code, getMessage(), id, getCause());
    }
}
