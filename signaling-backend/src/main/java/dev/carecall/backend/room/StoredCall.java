package dev.carecall.backend.room;

import dev.carecall.backend.CareCallException;
import dev.carecall.backend.storage.CallChangedElsewhere;
import dev.carecall.backend.storage.CareCallStore;
import dev.carecall.protocol.CallStatus;
import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.ServerMessage;

/**
 * A room's call when other instances may change it too ({@link RoomBus#enabled()}): the database holds the truth
 * and arbitrates. A transition runs on what the room knows; its write is conditional on the status it changes from
 * ({@link CareCallStore}), so a room that missed a change elsewhere writes nothing, gets
 * {@link CallChangedElsewhere}, reads the stored call again and decides anew: of two starts in the same millisecond
 * the second becomes a join of the first one's session, with no read before either. A transition that refuses
 * without writing ({@code NO_ACTIVE_CALL}: nothing to join or end, as far as the room knew) reads the call once and
 * decides again too, since the room may just not have heard of a start elsewhere yet. Otherwise the room reads the
 * call only when another instance says it changed ({@link RoomBus.Inbound#callChanged}) and when a socket registers.
 */
final class StoredCall {
    /** How often a transition runs again on a freshly read call before the conflict reaches the client. */
    private static final int ATTEMPTS = 3;

    private final Room room;
    private final CareCallStore store;
    private final RoomBus bus;

    StoredCall(Room room, CareCallStore store, RoomBus bus) {
        this.room = room;
        this.store = store;
        this.bus = bus;
    }

    /** A transition of the room's call; its write is conditional, so it may find the stored call changed first. */
    interface Transition {
        void run();
    }

    /** Runs the transition, and again on the call as stored if it found the room's view out of date. */
    void transition(Transition transition) {
        boolean reread = false;
        for (int attempt = 1; ; attempt++) {
            try {
                transition.run();
                return;
            } catch (CallChangedElsewhere e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                reload();
            } catch (CareCallException refused) {
                if (!bus.enabled() || reread || refused.code() != ErrorCode.NO_ACTIVE_CALL) {
                    throw refused;
                }
                reread = true;
                reload();
            }
        }
    }

    /** Takes over the call as the database holds it now (another instance changed it, or a write found it changed). */
    void reload() {
        room.takeOver(store.findAppointment(room.appointmentId), store.latestSession(room.appointmentId));
    }

    /**
     * Whether a call message another instance sent is older than what this room already told its party: both
     * pressed Start at once, this one's start became a join (its party saw {@code joinerConnected}), and the other
     * instance's {@code activeCall} (waiting) arrives after that. Only call messages can be outdated.
     */
    boolean outdated(ServerMessage message) {
        Long current = room.sessionId();
        CallStatus status = room.status();
        if (current == null) {
            return false;
        }
        if (message instanceof ServerMessage.ActiveCall a) {
            return a.sessionId() < current || a.sessionId() == current.longValue() && rank(a.callStatus()) < rank(status);
        }
        if (message instanceof ServerMessage.JoinerConnected j) {
            return j.sessionId() < current || j.sessionId() == current.longValue() && status == CallStatus.ENDED;
        }
        if (message instanceof ServerMessage.CallEnded c) {
            return c.sessionId() < current;
        }
        return false;
    }

    private static int rank(CallStatus s) {
        return switch (s) {
            case INACTIVE -> 0;
            case WAITING -> 1;
            case ACTIVE -> 2;
            case ENDED -> 3;
        };
    }
}
