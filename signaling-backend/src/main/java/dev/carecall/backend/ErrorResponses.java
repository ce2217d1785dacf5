package dev.carecall.backend;

import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.ProtocolCodec;
import dev.carecall.protocol.ProtocolException;
import dev.carecall.protocol.rest.ApiError;
import io.helidon.http.HeaderValues;
import io.helidon.http.HttpException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerResponse;

import java.lang.System.Logger.Level;

/** The one place where failures become REST answers: a status and an {@link ApiError} body, never a stack trace. */
public final class ErrorResponses {
    private static final System.Logger LOG = System.getLogger(ErrorResponses.class.getName());

    private ErrorResponses() {
    }

    /** Registers the translation of every exception a handler may throw. */
    public static void register(HttpRouting.Builder routing, ProtocolCodec codec) {
        routing.error(CareCallException.class, (req, res, e) -> send(res, codec, e.code(), e.getMessage()))
                // Helidon's own answers: a path nobody serves (a scanner, a browser asking for /favicon.ico) is a
                // 404 like any server's, not a failure of ours to log with a stack trace.
                .error(HttpException.class, (req, res, e) -> {
                    if (e.status().code() == Status.REQUEST_ENTITY_TOO_LARGE_413.code()) {
                        send(res, codec, ErrorCode.MESSAGE_TOO_LARGE, "The request is too large.");
                        return;
                    }
                    if (e.status().code() >= 500) {
                        LOG.log(Level.ERROR, "request " + req.prologue().method().text() + " " + req.path().path()
                                + " failed", e);
                    }
                    res.status(e.status());
                    res.header(HeaderValues.CONTENT_TYPE_TEXT_PLAIN);
                    res.send(e.status().reasonPhrase());
                })
                .error(ProtocolException.class, (req, res, e) ->
                        send(res, codec, ErrorCode.BAD_REQUEST, "The request is not valid: " + e.getMessage()))
                .error(Exception.class, (req, res, e) -> {
                    LOG.log(Level.ERROR, "request " + req.prologue().method().text() + " " + req.path().path()
                            + " failed", e);
                    send(res, codec, ErrorCode.INTERNAL_ERROR,
                            "Something went wrong on the server. Please try again; if it keeps happening, tell IT.");
                });
    }

    /** Answers with the status that belongs to the code and an {@link ApiError} body. */
    public static void send(ServerResponse res, ProtocolCodec codec, ErrorCode code, String message) {
        res.status(status(code));
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.send(codec.toJson(ApiError.of(code, message)));
    }

    /** The HTTP status of an error code, as PROTOCOL.md lists them. */
    public static Status status(ErrorCode code) {
        return switch (code) {
            case INVALID_CREDENTIALS, INVALID_TOKEN, TOKEN_EXPIRED, TOKEN_REVOKED, LINK_REPLACED, REGISTER_TIMEOUT,
                 NOT_REGISTERED ->
                    Status.UNAUTHORIZED_401;
            case FORBIDDEN, WRONG_APPOINTMENT -> Status.FORBIDDEN_403;
            case APPOINTMENT_NOT_FOUND, DOCTOR_NOT_FOUND -> Status.NOT_FOUND_404;
            case PAYMENT_REQUIRED -> Status.create(402, "Payment Required");
            case APPOINTMENT_CANCELLED -> Status.GONE_410;
            case NO_ACTIVE_CALL, REPLACED_BY_NEW_CONNECTION, CONFLICT -> Status.CONFLICT_409;
            case RATE_LIMITED -> Status.TOO_MANY_REQUESTS_429;
            case MESSAGE_TOO_LARGE -> Status.REQUEST_ENTITY_TOO_LARGE_413;
            case MALFORMED_MESSAGE, UNKNOWN_TYPE, MISSING_FIELD, INVALID_FIELD, UNSUPPORTED_VERSION, BAD_REQUEST ->
                    Status.BAD_REQUEST_400;
            case INTERNAL_ERROR -> Status.INTERNAL_SERVER_ERROR_500;
            case PEER_UNREACHABLE -> Status.SERVICE_UNAVAILABLE_503;
        };
    }
}
