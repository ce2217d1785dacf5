package dev.carecall.console.api;

import dev.carecall.protocol.ErrorCode;

/**
 * Why a call to the server failed, typed so the desktop console can translate it once into plain language. The
 * message is technical detail for the log, never for the doctor.
 */
public final class ApiException extends RuntimeException {
    /** What kind of failure, from the doctor's point of view. */
    public enum Problem {
        /** The typed address is not a usable http(s) address. */
        BAD_ADDRESS,
        /** No connection: wrong host or port, server down, no network. */
        UNREACHABLE,
        /** Connected, but no answer in time. */
        TIMEOUT,
        /** TLS failed: the server's certificate is not trusted (clinic CA missing) or does not match. */
        UNTRUSTED_CERTIFICATE,
        /** Something answered, but not a CareCall server (wrong port, a web page). */
        NOT_CARECALL,
        /** The server refused the request with an {@link ErrorCode} (wrong password, expired session, unpaid...). */
        REJECTED,
        /** The server failed or answered something this console cannot read. */
        SERVER_FAILED
    }

    private final Problem problem;
    private final ErrorCode code;
    private final String server;

    /**
     * @param problem what kind of failure
     * @param code    the server's error code when it refused the request ({@link Problem#REJECTED}), else null
     * @param server  the server address as the doctor knows it (for the message they read)
     * @param detail  technical detail for the log
     * @param cause   the underlying exception, or null
     */
    public ApiException(Problem problem, ErrorCode code, String server, String detail, Throwable cause) {
        super(problem + (code != null ? " " + code : "") + " (" + server + "): " + detail, cause);
        this.problem = problem;
        this.code = code;
        this.server = server;
    }

    public Problem problem() {
        return problem;
    }

    /** The server's error code, or null when the server did not refuse the request itself. */
    public ErrorCode code() {
        return code;
    }

    /** The server address the request went to. */
    public String server() {
        return server;
    }

    /** True when signing in again is the remedy (the session token expired or was revoked). */
    public boolean sessionExpired() {
        return code == ErrorCode.TOKEN_EXPIRED || code == ErrorCode.INVALID_TOKEN || code == ErrorCode.TOKEN_REVOKED;
    }
}
