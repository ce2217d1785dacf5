package dev.carecall.backend.room;

import dev.carecall.backend.auth.Caller;
import dev.carecall.protocol.ErrorCode;

import java.time.Instant;

/**
 * A credential taken back, or an appointment that went away: the sockets registered with it must close, on
 * whichever instance they are ({@link Calls#revoke}, and through {@link RoomBus#revoked} on the others).
 */
public sealed interface Revocation {
    /** Whether a socket registered as this caller is affected. */
    boolean closes(Caller caller);

    /** The error the socket is sent before it closes. */
    ErrorCode code();

    /** What the person reads. */
    String message();

    /** A doctor signed out: the token is refused everywhere from now on, its sockets close. */
    record SignedOut(String tokenId, Instant expiresAt) implements Revocation {
        @Override
        public boolean closes(Caller caller) {
            return caller instanceof Caller.Doctor d && tokenId.equals(d.tokenId());
        }

        @Override
        public ErrorCode code() {
            return ErrorCode.TOKEN_REVOKED;
        }

        @Override
        public String message() {
            return "You signed out, so this window stopped receiving updates. Sign in again to carry on.";
        }
    }

    /** The doctor sent the patient a new join link: sockets registered with an older one close. */
    record LinkReplaced(long appointmentId, int version) implements Revocation {
        @Override
        public boolean closes(Caller caller) {
            return caller instanceof Caller.Patient p && p.appointmentId() == appointmentId
                    && p.linkVersion() < version;
        }

        @Override
        public ErrorCode code() {
            return ErrorCode.LINK_REPLACED;
        }

        @Override
        public String message() {
            return "The clinic sent a new link for this appointment; this one no longer works. Ask the clinic for "
                    + "the new link.";
        }
    }

    /** The clinic cancelled the appointment: its patient's sockets close (its call ended where it was cancelled). */
    record Cancelled(long appointmentId) implements Revocation {
        @Override
        public boolean closes(Caller caller) {
            return caller instanceof Caller.Patient p && p.appointmentId() == appointmentId;
        }

        @Override
        public ErrorCode code() {
            return ErrorCode.APPOINTMENT_CANCELLED;
        }

        @Override
        public String message() {
            return "The clinic cancelled this appointment, so no call can take place.";
        }
    }
}
