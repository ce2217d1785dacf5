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

    public Lobby() {
        this(CallListener.NONE);
    }

    /** A lobby that also tells this listener of every call change (webhooks follow calls through it). */
    public Lobby(CallListener listener) {
        this.listener = listener;
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
        Participant p = byDoctor.get(doctorId);
        if (p != null) {
            p.send(new ServerMessage.AppointmentChanged(appointmentId));
        }
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

    /** Sends the doctor's lobby socket, if open, this message (the waiting room's news). */
    void tell(long doctorId, dev.carecall.protocol.LobbyMessage message) {
        Participant p = byDoctor.get(doctorId);
        if (p != null) {
            p.send(message);
        }
    }

    void notify(long doctorId, ServerMessage.CallStatusChanged change) {
        Participant p = byDoctor.get(doctorId);
        if (p != null) {
            p.send(change);
        }
    }
}
