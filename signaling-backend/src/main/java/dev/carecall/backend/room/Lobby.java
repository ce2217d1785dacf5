package dev.carecall.backend.room;

import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.ServerMessage;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The doctors' lobby sockets: one per doctor, told whenever one of their appointments changes call status; and the
 * {@link CallListener} that follows every call for features outside the rooms.
 */
public final class Lobby {
    private final Map<Long, Participant> byDoctor = new ConcurrentHashMap<>();
    private final CallListener listener;
    /** A doctor's lobby socket may be on another instance; set by {@link Calls} before any socket registers. */
    private volatile RoomBus bus = RoomBus.NONE;

    public Lobby() {
        this(CallListener.NONE);
    }

    /** A lobby that also tells this listener of every call change (webhooks follow calls through it). */
    public Lobby(CallListener listener) {
        this.listener = listener;
    }

    void bus(RoomBus bus) {
        this.bus = bus;
    }

    /** Registers the doctor's lobby socket; an older one is told why and closed. */
    void attach(long doctorId, Participant participant) {
        Participant old = byDoctor.put(doctorId, participant);
        if (old != null && old != participant) {
            old.sendAndClose(new ServerMessage.Error(ErrorCode.REPLACED_BY_NEW_CONNECTION,
                    "You opened CareCall somewhere else; this window stopped receiving updates.", null),
                    Calls.CLOSE_REPLACED, "replaced by a new connection");
        }
    }

    void detach(long doctorId, Participant participant) {
        byDoctor.remove(doctorId, participant);
    }

    void appointmentChanged(long doctorId, long appointmentId) {
        send(doctorId, new ServerMessage.AppointmentChanged(appointmentId));
    }

    void callChanged(CallListener.Change change) {
        // The thread boundary of the listener: a failure there must never break the call.
        try {
            listener.changed(change);
        } catch (RuntimeException e) {
            System.getLogger(Lobby.class.getName()).log(System.Logger.Level.ERROR,
                    "call listener failed for appointment " + change.appointmentId(), e);
        }
    }

    /** Sends the doctor's lobby socket, if open here or on another instance, this message (the waiting room's news). */
    void tell(long doctorId, dev.carecall.protocol.LobbyMessage message) {
        send(doctorId, message); // the doctor's lobby may be on another instance than the patient's room
    }

    void notify(long doctorId, ServerMessage.CallStatusChanged change) {
        send(doctorId, change);
    }

    /** To the doctor's lobby socket here, or (through the bus) on the instance that holds it. */
    private void send(long doctorId, ServerMessage message) {
        Participant p = byDoctor.get(doctorId);
        if (p != null) {
            p.send(message);
        } else if (bus.enabled()) {
            bus.lobby(doctorId, message);
        }
    }

    /** A message another instance sent for a doctor's lobby socket: passed on if that socket is here. */
    void fromElsewhere(long doctorId, String encoded) {
        Participant p = byDoctor.get(doctorId);
        if (p != null) {
            p.sendText(encoded);
        }
    }
}
