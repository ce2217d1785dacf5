package dev.carecall.console.call;

import dev.carecall.protocol.ErrorCode;

/** What an {@code error} on the room socket means for this side's call; every code has one, with no default. */
enum ServerVerdict {
    /** The server refused a start or join (not paid, too fast): back to where the call was, with the reason. */
    REFUSED,
    /** Refused only when this side was joining; else the answer to a late signal racing the other's hang-up. */
    REFUSED_IF_JOINING,
    /** This side can never go on here (its credential or the appointment is gone, a newer window took over). */
    FATAL,
    /** The server failed this once: say so; the call goes on. */
    PASSING,
    /** Mistakes of this client, or codes only REST gives: the log has them; nothing the user can do. */
    IGNORED;

    static ServerVerdict of(ErrorCode code) {
        return switch (code) {
            case PAYMENT_REQUIRED, RATE_LIMITED -> REFUSED;
            case NO_ACTIVE_CALL -> REFUSED_IF_JOINING;
            case INVALID_TOKEN, TOKEN_EXPIRED, TOKEN_REVOKED, LINK_REPLACED, WRONG_APPOINTMENT, FORBIDDEN,
                 APPOINTMENT_NOT_FOUND, APPOINTMENT_CANCELLED, REPLACED_BY_NEW_CONNECTION, UNSUPPORTED_VERSION -> FATAL;
            case INTERNAL_ERROR, PEER_UNREACHABLE -> PASSING;
            case MALFORMED_MESSAGE, UNKNOWN_TYPE, MISSING_FIELD, INVALID_FIELD, MESSAGE_TOO_LARGE, NOT_REGISTERED,
                 REGISTER_TIMEOUT, BAD_REQUEST, INVALID_CREDENTIALS, CONFLICT, DOCTOR_NOT_FOUND -> IGNORED;
        };
    }
}
