package dev.carecall.backend.room;

import dev.carecall.protocol.ErrorCode;
import dev.carecall.protocol.Role;
import dev.carecall.protocol.ServerMessage;

import java.util.function.Consumer;

/**
 * What other instances send this one, each taken in on the room's queue in the order it arrived: a party's message
 * after the call change that came before it. Rooms not in memory here have nobody here to tell.
 */
final class FromOtherInstances implements RoomBus.Inbound {
    private final Rooms rooms;
    private final RoomBus bus;
    private final Lobby lobby;
    private final SignedInSockets signedIn;
    private final Consumer<Revocation.SignedOut> signedOutElsewhere;

    /** @param signedOutElsewhere told of a sign-out on another instance before this one's sockets of it close */
    FromOtherInstances(Rooms rooms, RoomBus bus, Lobby lobby, SignedInSockets signedIn,
                       Consumer<Revocation.SignedOut> signedOutElsewhere) {
        this.rooms = rooms;
        this.bus = bus;
        this.lobby = lobby;
        this.signedIn = signedIn;
        this.signedOutElsewhere = signedOutElsewhere;
    }

    @Override
    public void delivered(long appointmentId, Role to, ServerMessage message, String encoded) {
        inLoadedRoom(appointmentId, room -> {
            Participant p = room.seats.occupant(to);
            if (p != null && !room.stored.outdated(message)) {
                p.sendText(encoded);
            }
        });
    }

    @Override
    public void callChanged(long appointmentId) {
        inLoadedRoom(appointmentId, room -> room.stored.reload());
    }

    @Override
    public void seatedElsewhere(long appointmentId, Role role) {
        inLoadedRoom(appointmentId, room -> {
            Participant p = room.seats.occupant(role);
            if (p != null && room.seats.unseat(role, p)) {
                bus.left(appointmentId, role); // stop refreshing it here; the other instance holds it now
                p.sendAndClose(new ServerMessage.Error(ErrorCode.REPLACED_BY_NEW_CONNECTION,
                        "You joined this appointment from another window or device; this one was "
                                + "disconnected.", null), Calls.CLOSE_REPLACED, "replaced by a new connection");
            }
        });
    }

    @Override
    public void lobby(long doctorId, String encoded) {
        lobby.fromElsewhere(doctorId, encoded);
    }

    @Override
    public void revoked(Revocation revocation) {
        switch (revocation) {
            case Revocation.SignedOut s -> {
                signedOutElsewhere.accept(s);
                signedIn.closeWhere(s);
            }
            case Revocation.LinkReplaced l -> signedIn.closeWhere(l);
            // On the room's queue, after the call's end that came before it.
            case Revocation.Cancelled c -> inLoadedRoom(c.appointmentId(), room -> room.closePatient(c));
        }
    }

    private void inLoadedRoom(long appointmentId, Consumer<Room> task) {
        Room room = rooms.inMemory(appointmentId);
        if (room != null) {
            room.queue.submit(() -> {
                if (!room.evicted()) {
                    task.accept(room);
                }
            });
        }
    }
}
