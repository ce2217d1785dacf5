package dev.carecall.backend.room;

import dev.carecall.protocol.Role;
import dev.carecall.protocol.ServerMessage;

import java.util.function.Supplier;

/**
 * A room's two seats, the doctor's and the patient's, each holding the socket that registered last for that role.
 * Changed only on the room's queue; volatile because a relayed signal reads them from the sender's own thread.
 * With other instances ({@link RoomBus}), a party may be seated on one of them: messages for a seat that is empty
 * here go through the bus.
 */
final class Seats {
    private final long appointmentId;
    /** The other instances; {@link RoomBus#NONE} when this one is alone. */
    private final RoomBus bus;
    private volatile Participant doctor;
    private volatile Participant patient;

    Seats(long appointmentId, RoomBus bus) {
        this.appointmentId = appointmentId;
        this.bus = bus;
    }

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

    /** The socket in the role's seat here, or null; read from any thread. */
    Participant occupant(Role role) {
        return role == Role.DOCTOR ? doctor : patient;
    }

    /** Whether the role's socket is registered, here or on another instance. */
    boolean connected(Role role) {
        return occupant(role) != null || bus.enabled() && bus.elsewhere(appointmentId, role);
    }

    /** Whether neither seat is taken on this instance. */
    boolean empty() {
        return doctor == null && patient == null;
    }

    /** Sends to the role's socket here, or through the bus to the instance that holds it; a loss is not an error. */
    void sendTo(Role role, ServerMessage message) {
        Participant p = occupant(role);
        if (p != null) {
            p.send(message);
        } else if (bus.enabled()) {
            bus.deliver(appointmentId, role, message);
        }
    }

    /**
     * Passes a party's message to the other one: here, or through the bus. If the bus is down the sender is told
     * ({@code PEER_UNREACHABLE}) rather than the message silently lost; with nobody anywhere it is simply dropped.
     */
    void relayTo(Role role, ServerMessage message) {
        Participant p = occupant(role);
        if (p != null) {
            p.send(message);
        } else if (bus.enabled() && !bus.deliver(appointmentId, role, message)) {
            throw RoomBus.unreachable();
        }
    }

    /**
     * {@link #relayTo(Role, ServerMessage)} for a message encoded already; {@code message} makes it typed, only for the
     * bus.
     */
    void relayTo(Role role, String encoded, Supplier<ServerMessage> message) {
        Participant p = occupant(role);
        if (p != null) {
            p.sendText(encoded);
        } else if (bus.enabled() && !bus.deliver(appointmentId, role, message.get())) {
            throw RoomBus.unreachable();
        }
    }

    void broadcast(ServerMessage message) {
        sendTo(Role.DOCTOR, message);
        sendTo(Role.PATIENT, message);
    }
}
