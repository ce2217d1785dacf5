package dev.carecall.console.fx;

import dev.carecall.console.api.ApiException;
import dev.carecall.console.call.CallProblem;
import dev.carecall.console.i18n.Texts;
import dev.carecall.console.media.MediaProblem;
import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.Role;

import java.net.URI;

/**
 * The one place where failures and call problems become sentences a doctor can act on, in the console's language.
 * Every view shows these texts and nothing else; the technical detail has gone to the log where the failure crossed
 * a thread ({@link Fx#background}). Each switch lists every case without a {@code default}, so a new error code or
 * call problem does not compile until it has its words.
 */
public final class PlainLanguage {
    private final Texts texts;

    public PlainLanguage(Texts texts) {
        this.texts = texts;
    }

    /** What to tell the doctor about {@code failure}. */
    public String describe(Throwable failure) {
        if (failure instanceof ApiException api) {
            return describe(api);
        }
        return texts.get("problem.console");
    }

    /** Shown when a session token is no longer accepted. */
    public String sessionExpired() {
        return describe(ErrorCode.TOKEN_EXPIRED);
    }

    private String describe(ApiException e) {
        String server = hostOf(e.server());
        return switch (e.problem()) {
            case BAD_ADDRESS -> e.server().isBlank()
                    ? texts.get("problem.address.empty") : texts.get("problem.address.bad", e.server());
            case UNREACHABLE -> texts.get("problem.unreachable", server);
            case TIMEOUT -> texts.get("problem.timeout", server);
            case UNTRUSTED_CERTIFICATE -> texts.get("problem.untrusted", server);
            case NOT_CARECALL -> texts.get("problem.notCareCall", server);
            case SERVER_FAILED -> texts.get("problem.serverFailed");
            case REJECTED -> describe(e.code());
        };
    }

    /** What to tell the doctor about an error code the server sent (REST or WebSocket). */
    public String describe(ErrorCode code) {
        return texts.get(switch (code) {
            case INVALID_CREDENTIALS -> "problem.code.invalidCredentials";
            case TOKEN_EXPIRED, INVALID_TOKEN -> "problem.code.sessionExpired";
            case TOKEN_REVOKED -> "problem.code.signedOut";
            case PAYMENT_REQUIRED -> "problem.code.paymentRequired";
            case FORBIDDEN, WRONG_APPOINTMENT -> "problem.code.forbidden";
            case APPOINTMENT_NOT_FOUND -> "problem.code.appointmentNotFound";
            case APPOINTMENT_CANCELLED -> "problem.code.appointmentCancelled";
            case NO_ACTIVE_CALL -> "problem.code.noActiveCall";
            case REPLACED_BY_NEW_CONNECTION -> "problem.code.replaced";
            // From the REST API only sign-in is throttled, after wrong passwords; a room socket's RATE_LIMITED (too
            // many messages) arrives as CallProblem.Refused and has words of its own.
            case RATE_LIMITED -> "problem.code.rateLimited";
            case UNSUPPORTED_VERSION -> "problem.code.unsupportedVersion";
            case INTERNAL_ERROR -> "problem.code.internalError";
            case PEER_UNREACHABLE -> "problem.code.peerUnreachable";
            case MALFORMED_MESSAGE, UNKNOWN_TYPE, MISSING_FIELD, INVALID_FIELD, MESSAGE_TOO_LARGE, NOT_REGISTERED,
                 REGISTER_TIMEOUT, BAD_REQUEST, CONFLICT, DOCTOR_NOT_FOUND, LINK_REPLACED -> "problem.code.misunderstood";
        });
    }

    /** What to tell the doctor about something that happened in a call. */
    public String describe(CallProblem problem) {
        return switch (problem) {
            case CallProblem.Media(MediaProblem device, Role other) -> describe(device, other);
            case CallProblem.MediaUnavailable() -> texts.get("problem.call.mediaUnavailable");
            case CallProblem.Refused(ErrorCode code, boolean callFailed) -> code == ErrorCode.RATE_LIMITED
                    ? texts.get("problem.call.rateLimited") : describe(code);
            case CallProblem.NotConnected() -> texts.get("problem.call.notConnected");
            case CallProblem.ChatNotSent() -> texts.get("problem.call.chatNotSent");
            case CallProblem.ChatLength(int maxLength) -> texts.get("problem.call.chatLength", maxLength);
            case CallProblem.EndedByOtherParty(Role other) -> naming("problem.call.endedBy", other);
            case CallProblem.EndedWhileAway() -> texts.get("problem.call.endedWhileAway");
            case CallProblem.OtherPartyAway(Role other) -> naming("problem.call.away", other);
            case CallProblem.ConnectionLost(Role other) -> naming("problem.call.lost", other);
            case CallProblem.Unreachable() -> texts.get("problem.call.unreachable");
        };
    }

    private String describe(MediaProblem device, Role other) {
        return switch (device) {
            case NO_MICROPHONE -> naming("problem.call.noMicrophone", other);
            case NO_SPEAKER -> naming("problem.call.noSpeaker", other);
            case NO_CAMERA -> naming("problem.call.noCamera", other);
            case CAMERA_NOT_STARTED -> naming("problem.call.cameraNotStarted", other);
            case NO_SCREEN -> texts.get("problem.call.noScreen");
            case SCREEN_NOT_SHARED -> texts.get("problem.call.screenNotShared");
        };
    }

    /** A sentence that names the other party: one text per role, since languages inflect the noun. */
    private String naming(String key, Role other) {
        return texts.get(key + "." + switch (other) {
            case PATIENT -> "patient";
            case DOCTOR -> "doctor";
        });
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
