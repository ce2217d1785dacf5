package dev.carecall.console.fx;

import dev.carecall.console.api.ApiException;
import dev.carecall.protocol.ErrorCode;

import java.net.URI;

/**
 * The one place where failures become sentences a doctor can act on. Every view shows these texts and nothing
 * else; the technical detail has gone to the log where the failure crossed a thread ({@link Fx#background}).
 */
public final class PlainLanguage {
    /** Shown when a session token is no longer accepted. */
    public static final String SESSION_EXPIRED = "Your session has expired. Please sign in again.";
    /** Shown when the server refuses sign-in after several wrong passwords (429 RATE_LIMITED). */
    public static final String TOO_MANY_WRONG_PASSWORDS =
            "Too many wrong passwords. Wait a few minutes, then try again.";

    private PlainLanguage() {
    }

    /** What to tell the doctor about {@code failure}. */
    public static String describe(Throwable failure) {
        if (failure instanceof ApiException api) {
            return describe(api);
        }
        return "Something went wrong in the console. Please try again; if it keeps happening, restart CareCall.";
    }

    private static String describe(ApiException e) {
        String server = hostOf(e.server());
        return switch (e.problem()) {
            case BAD_ADDRESS -> e.server().isBlank()
                    ? "Enter the server address your clinic gave you, for example https://clinic.example.org."
                    : "\"" + e.server() + "\" is not a server address. Enter it like https://clinic.example.org.";
            case UNREACHABLE -> "Cannot reach the CareCall server at " + server
                    + ". Check the server address and your network connection, then try again.";
            case TIMEOUT -> "The CareCall server at " + server + " is not answering. Try again in a moment.";
            case UNTRUSTED_CERTIFICATE -> "The secure connection to " + server + " is not trusted. Ask your "
                    + "clinic's IT to install the clinic's certificate on this computer.";
            case NOT_CARECALL -> "The address " + server + " answers, but it is not a CareCall server. "
                    + "Check the server address.";
            case SERVER_FAILED -> "The CareCall server had a problem. Try again in a moment; if it keeps "
                    + "happening, tell your clinic's IT.";
            case REJECTED -> describe(e.code());
        };
    }

    /** What to tell the doctor about an error code the server sent (REST or WebSocket). */
    public static String describe(ErrorCode code) {
        return switch (code) {
            case INVALID_CREDENTIALS -> "The username or password is not correct. Check them and try again.";
            case TOKEN_EXPIRED, INVALID_TOKEN -> SESSION_EXPIRED;
            case PAYMENT_REQUIRED -> "This appointment is not paid yet, so a call cannot start.";
            case FORBIDDEN, WRONG_APPOINTMENT -> "This appointment belongs to another doctor.";
            case APPOINTMENT_NOT_FOUND -> "This appointment no longer exists. Refresh the list.";
            case NO_ACTIVE_CALL -> "There is no call running for this appointment any more.";
            case REPLACED_BY_NEW_CONNECTION -> "You opened this appointment in another window, so this one stopped.";
            // The server throttles only sign-in, after wrong passwords, so that is what this code means here.
            case RATE_LIMITED -> TOO_MANY_WRONG_PASSWORDS;
            case UNSUPPORTED_VERSION -> "This console is too old for the server. Ask your clinic's IT for the "
                    + "current CareCall version.";
            case INTERNAL_ERROR -> "The CareCall server had a problem. Try again in a moment.";
            case MALFORMED_MESSAGE, UNKNOWN_TYPE, MISSING_FIELD, INVALID_FIELD, MESSAGE_TOO_LARGE, NOT_REGISTERED,
                 REGISTER_TIMEOUT, BAD_REQUEST -> "The console and the server did not understand each other. "
                    + "Try again; if it keeps happening, tell your clinic's IT.";
        };
    }

    /** "clinic.example.org" or "127.0.0.1:8080" from a base address; the text itself when it is no URI. */
    static String hostOf(String server) {
        try {
            URI uri = URI.create(server);
            if (uri.getHost() != null) {
                return uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            }
        } catch (IllegalArgumentException e) {
            // Not a URI: show what the doctor typed.
        }
        return server;
    }
}
