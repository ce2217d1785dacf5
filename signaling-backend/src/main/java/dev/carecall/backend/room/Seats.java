package dev.carecall.backend.room;

import dev.carecall.protocol.Role;
import dev.carecall.protocol.ServerMessage;

/**
 * A room's two seats, the doctor's and the patient's, each holding the socket that registered last for that role.
 * Changed only on the room's queue; volatile because a relayed signal reads them from the sender's own thread.
 */
final class Seats {
    private volatile Participant doctor;
    private volatile Participant patient;

    /** Puts the socket in the role's seat; returns the one it replaced, or null. */
    Participant seat(Role role, Participant participant) {
        Participant old = occupant(role);
        if (role == Role.DOCTOR) {
            doctor = participant;
        } else {
            patient = participant;
        }
        return old;
    }

    /** Frees the seat if this socket still holds it; true if it did. */
    boolean unseat(Role role, Participant participant) {
        if (occupant(role) != participant) {
            return false;
        }
        seat(role, null);
        return true;
    }

    /** The socket in the role's seat, or null; read from any thread. */
    Participant occupant(Role role) {
        return role == Role.DOCTOR ? doctor : patient;
    }

    boolean connected(Role role) {
        return occupant(role) != null;
    }

    boolean empty() {
        return doctor == null && patient == null;
    }

    void sendTo(Role role, ServerMessage message) {
        Participant p = occupant(role);
        if (p != null) {
            p.send(message);
        }
    }

    void broadcast(ServerMessage message) {
        sendTo(Role.DOCTOR, message);
        sendTo(Role.PATIENT, message);
    }
}
