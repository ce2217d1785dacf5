package dev.carecall.backend.room;

import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.ServerMessage;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The doctors' lobby sockets: one per doctor, told whenever one of their appointments changes call status. */
public final class Lobby {
    private final Map<Long, Participant> byDoctor = new ConcurrentHashMap<>();

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

    void notify(long doctorId, ServerMessage.CallStatusChanged change) {
        Participant p = byDoctor.get(doctorId);
        if (p != null) {
            p.send(change);
        }
    }
}
