package dev.carecall.protocol;

/**
 * Why a request failed. Sent in {@code error} messages and in REST error bodies as the constant's name.
 * Clients translate the code, not the message, into what their user reads.
 */
public enum ErrorCode {
    /** The text is not a JSON object. */
    MALFORMED_MESSAGE,
    /** The {@code type} names no message this side knows. */
    UNKNOWN_TYPE,
    /** A required field is absent or null. */
    MISSING_FIELD,
    /** A field has the wrong JSON type or an impossible value. */
    INVALID_FIELD,
    /** The message is larger than {@link Protocol#MAX_MESSAGE_BYTES}. */
    MESSAGE_TOO_LARGE,
    /** The client speaks a protocol version this server cannot serve. */
    UNSUPPORTED_VERSION,
    /** A message other than {@code register} arrived before a successful {@code register}. */
    NOT_REGISTERED,
    /** No {@code register} arrived in time after the socket opened. */
    REGISTER_TIMEOUT,
    /** Wrong user name or password. */
    INVALID_CREDENTIALS,
    /** No token, or a token whose signature or form is wrong. */
    INVALID_TOKEN,
    /** The token was valid but has expired: sign in again, or ask for a new link. */
    TOKEN_EXPIRED,
    /** The doctor signed out with this token (or an administrator revoked it): sign in again. */
    TOKEN_REVOKED,
    /** The appointment's join link was sent again, which replaced this older link: ask the clinic for the new one. */
    LINK_REPLACED,
    /** The token belongs to another appointment than this room. */
    WRONG_APPOINTMENT,
    /** The caller is neither the appointment's doctor nor its patient, or the action is not theirs to take. */
    FORBIDDEN,
    /** No such appointment. */
    APPOINTMENT_NOT_FOUND,
    /** Only paid appointments can have a call. */
    PAYMENT_REQUIRED,
    /** The clinic cancelled the appointment: its link no longer works and no call can start (since version 1). */
    APPOINTMENT_CANCELLED,
    /** The request clashes with what is stored: an {@code externalId} in use, an Idempotency-Key reused for another
     * request (integration API). */
    CONFLICT,
    /** No doctor with this {@code externalId} (integration API). */
    DOCTOR_NOT_FOUND,
    /** Join, end or signal needs a call that is waiting or active, and there is none. */
    NO_ACTIVE_CALL,
    /** The same person connected again elsewhere; this older socket is closed. */
    REPLACED_BY_NEW_CONNECTION,
    /**
     * The other party's socket is on another backend instance and the instances cannot reach each other now (their
     * Redis is down): the message was not passed on. Try again shortly (since version 1, several instances).
     */
    PEER_UNREACHABLE,
    /** Too many requests in a short time. */
    RATE_LIMITED,
    /** The request body or path is not valid (REST). */
    BAD_REQUEST,
    /** Something failed on the server; the log has the details. */
    INTERNAL_ERROR
}
