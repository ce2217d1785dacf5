package dev.carecall.backend.room;

import dev.carecall.protocol.ServerMessage;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Every registered socket, room and lobby alike, so that revoking a credential (a doctor signing out, a join link
 * sent anew) also ends the sockets that registered with it: a token checked only at {@code register} would
 * otherwise keep working for as long as its socket stays open. Weakly held: a socket is in the set for as long as its
 * connection keeps it alive, with no bookkeeping on close.
 */
public final class SignedInSockets {
    private final Set<Participant> sockets = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    void add(Participant participant) {
        sockets.add(participant);
    }

    /**
     * Closes every registered socket with this code (no error first: nothing went wrong); returns them, so the
     * caller can wait for their close frames to go out.
     */
    List<Participant> closeAll(int code, String reason) {
        List<Participant> all;
        synchronized (sockets) {
            all = List.copyOf(sockets);
            sockets.clear();
        }
        for (Participant p : all) {
            p.close(code, reason);
        }
        return all;
    }

    /**
     * Sends {@code error} with the revocation's code to every socket it affects and closes it (1008, as a refused
     * {@code register}); returns how many were closed.
     */
    int closeWhere(Revocation revocation) {
        List<Participant> matching;
        synchronized (sockets) {
            matching = sockets.stream().filter(p -> p.caller() != null && revocation.closes(p.caller())).toList();
        }
        for (Participant p : matching) {
            sockets.remove(p);
            p.sendAndClose(new ServerMessage.Error(revocation.code(), revocation.message(), null), Calls.CLOSE_POLICY,
                    revocation.code().name());
        }
        return matching.size();
    }
}
