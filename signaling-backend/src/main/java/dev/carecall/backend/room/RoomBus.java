package dev.carecall.backend.room;

import dev.carecall.backend.CareCallException;
import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.Role;
import dev.carecall.protocol.ServerMessage;

/**
 * What a room needs from the other backend instances: a room's two sockets may sit on different instances, so what
 * one party is sent reaches the other instance through the bus, in the order it was sent; which instance holds whose
 * socket is known there too (presence, with an expiry, so a dead instance's sockets disappear by themselves). The
 * database stays the truth of the call: the bus only says "it changed, read it again" ({@link #callChanged}).
 *
 * <p>{@link #NONE} is the single instance: nobody is elsewhere and nothing is sent anywhere. The Redis one is in
 * {@code dev.carecall.backend.cluster}.
 */
public interface RoomBus extends AutoCloseable {

    /** Whether other instances may hold a room's sockets (then rooms read the database before each transition). */
    boolean enabled();

    /**
     * Hands the message to the party's socket on whichever other instance holds it (nobody's: it is dropped there).
     *
     * @return false if the bus cannot be reached now, so the message is lost
     */
    boolean deliver(long appointmentId, Role to, ServerMessage message);

    /** The call's state changed in the database: other instances holding the room read it again. */
    void callChanged(long appointmentId);

    /** A socket of the role registered here: noted as present here, and an older one on another instance closed. */
    void seated(long appointmentId, Role role);

    /** That socket left: no longer present here (unless the person is back on another instance already). */
    void left(long appointmentId, Role role);

    /** Whether the role's socket is registered on another live instance. */
    boolean elsewhere(long appointmentId, Role role);

    /** For the doctor's lobby socket, wherever it is. */
    void lobby(long doctorId, ServerMessage message);

    /** A credential was taken back here: the other instances close the sockets registered with it. */
    void revoked(Revocation revocation);

    /** Whether the bus can be reached now. */
    boolean up();

    /** Where messages from other instances go; set once, before the server takes sockets. */
    void listen(Inbound inbound);

    @Override
    void close();

    /** What other instances send to this one; called in the order they sent it. Never blocks. */
    interface Inbound {
        /** A message for the role's socket of the appointment, if it is here ({@code encoded}: as it was sent). */
        void delivered(long appointmentId, Role to, ServerMessage message, String encoded);

        /** The appointment's call changed in the database. */
        void callChanged(long appointmentId);

        /** The role registered on another instance: a socket of that role here is an older one. */
        void seatedElsewhere(long appointmentId, Role role);

        /** A message for the doctor's lobby socket, if it is here. */
        void lobby(long doctorId, String encoded);

        /** A credential was taken back on another instance: sockets here registered with it close. */
        void revoked(Revocation revocation);
    }

    /** The refusal a sender gets when the other party sits on another instance and the bus is down. */
    static CareCallException unreachable() {
        return new CareCallException(ErrorCode.PEER_UNREACHABLE, "The other person is connected through another "
                + "server that cannot be reached right now, so this was not passed on. Try again in a moment.");
    }

    /** One instance alone. */
    RoomBus NONE = new RoomBus() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public boolean deliver(long appointmentId, Role to, ServerMessage message) {
            return true;
        }

        @Override
        public void callChanged(long appointmentId) {
        }

        @Override
        public void seated(long appointmentId, Role role) {
        }

        @Override
        public void left(long appointmentId, Role role) {
        }

        @Override
        public boolean elsewhere(long appointmentId, Role role) {
            return false;
        }

        @Override
        public void lobby(long doctorId, ServerMessage message) {
        }

        @Override
        public void revoked(Revocation revocation) {
        }

        @Override
        public boolean up() {
            return true;
        }

        @Override
        public void listen(Inbound inbound) {
        }

        @Override
        public void close() {
        }
    };
}
