package dev.carecall.console.check;

/** A STUN or TURN exchange that did not work, by kind; {@link #getMessage()} has the technical detail for the log. */
final class TurnException extends Exception {
    enum Kind {
        /** TCP or TLS connection refused or timed out. */
        CONNECT_FAILED,
        /** The TLS certificate of the TURN server is not trusted. */
        UNTRUSTED_CERTIFICATE,
        /** No answer in time (UDP blocked, or nothing listens). */
        NO_ANSWER,
        /** 401 with our credential: wrong secret or an expired user name. */
        CREDENTIAL_REFUSED,
        /** Any other error answer (403 peer not allowed, 486 quota, 508 no relay ports...). */
        REFUSED
    }

    private final Kind kind;
    private final int code;

    TurnException(Kind kind, int code, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.code = code;
    }

    TurnException(Kind kind, int code, String message) {
        this(kind, code, message, null);
    }

    Kind kind() {
        return kind;
    }

    /** The STUN error code (e.g. 401, 403), or 0. */
    int code() {
        return code;
    }
}
