package dev.carecall.backend;

import dev.carecall.protocol.ErrorCode;

/**
 * The backend's one exception: a request that cannot be served, with the {@link ErrorCode} the client gets and a
 * plain-language message. Thrown anywhere, translated once: to an {@code ApiError} body by {@link ErrorResponses}
 * for REST, to a {@code ServerMessage.Error} by the room sockets.
 */
public class CareCallException extends RuntimeException {
    private final ErrorCode code;

    public CareCallException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public CareCallException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** What went wrong, as the wire names it. */
    public ErrorCode code() {
        return code;
    }
}
