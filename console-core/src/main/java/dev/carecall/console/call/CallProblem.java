package dev.carecall.console.call;

import dev.carecall.console.media.MediaProblem;
import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.Role;

/**
 * Something about the call the person at this side should know, as facts without words: the console translates each
 * kind once into its own language, with an exhaustive switch over this sealed type, so a new kind cannot go unsaid.
 * Technical detail goes to the log, never here.
 */
public sealed interface CallProblem {

    /** How prominent to show it. */
    enum Severity { INFO, WARNING, ERROR }

    /** How prominent: a failed call is an error, what the call goes on without a warning, news of the other party. */
    default Severity severity() {
        return switch (this) {
            case Media ignored -> Severity.WARNING;
            case MediaUnavailable ignored -> Severity.ERROR;
            case Refused refused -> refused.callFailed() ? Severity.ERROR : Severity.WARNING;
            case NotConnected ignored -> Severity.WARNING;
            case ChatNotSent ignored -> Severity.WARNING;
            case ChatLength ignored -> Severity.WARNING;
            case EndedByOtherParty ignored -> Severity.INFO;
            case EndedWhileAway ignored -> Severity.INFO;
            case OtherPartyAway ignored -> Severity.INFO;
            case ConnectionLost ignored -> Severity.ERROR;
            case Unreachable ignored -> Severity.ERROR;
        };
    }

    /**
     * A device the call goes on without (no camera, no microphone, a screen that cannot be shared...).
     *
     * @param problem    which device and what is wrong with it
     * @param otherParty who will miss it (they see the test picture, hear silence...)
     */
    record Media(MediaProblem problem, Role otherParty) implements CallProblem {
    }

    /** The camera and microphone could not be opened at all (the native media failed): no call is possible. */
    record MediaUnavailable() implements CallProblem {
    }

    /**
     * The server refused what this side asked (start an unpaid call, join a call that is over) or closed the room
     * for it (sign-in expired, the appointment opened in another window).
     *
     * @param code       the server's reason
     * @param callFailed true when this side cannot go on (the phase is {@link CallPhase#FAILED}); false when only
     *                   the request was refused
     */
    record Refused(ErrorCode code, boolean callFailed) implements CallProblem {
    }

    /** Start or join was pressed while the signaling socket is down (it reconnects by itself). */
    record NotConnected() implements CallProblem {
    }

    /** A chat line was not sent: the signaling socket is down. */
    record ChatNotSent() implements CallProblem {
    }

    /**
     * A chat line was empty or too long.
     *
     * @param maxLength the most characters a line may have
     */
    record ChatLength(int maxLength) implements CallProblem {
    }

    /**
     * The other party hung up.
     *
     * @param otherParty who did
     */
    record EndedByOtherParty(Role otherParty) implements CallProblem {
    }

    /** The call ended while this side's connection to the server was interrupted. */
    record EndedWhileAway() implements CallProblem {
    }

    /**
     * The media stopped and the other party's socket is gone too: this side waits for them to come back (or to end).
     *
     * @param otherParty who is away
     */
    record OtherPartyAway(Role otherParty) implements CallProblem {
    }

    /**
     * The media stopped and an ICE restart did not bring it back: the call has ended ({@link CallPhase#FAILED}).
     *
     * @param otherParty who this side lost
     */
    record ConnectionLost(Role otherParty) implements CallProblem {
    }

    /**
     * Candidate gathering ended without a single local candidate, so no path can ever connect: the TURN server
     * refused the credential or cannot be reached (with relays only, or with no network at all). The call has
     * failed ({@link CallPhase#FAILED}); IT's connectivity check says why.
     */
    record Unreachable() implements CallProblem {
    }
}
