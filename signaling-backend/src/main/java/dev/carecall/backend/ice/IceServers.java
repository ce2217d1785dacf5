package dev.carecall.backend.ice;

import dev.carecall.protocol.IceServer;
import dev.carecall.protocol.Role;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The one place where a {@code registered} message's {@code iceServers} are made: the configured STUN (and static
 * TURN) servers, then, when a TURN secret is configured, a TURN server with credentials minted for this person.
 */
public final class IceServers {
    private final List<IceServer> configured;
    private final TurnCredentials turn;

    /**
     * @param configured STUN servers and TURN servers with fixed users, handed to everybody as they are
     * @param turn       a TURN server with a shared secret, or null
     */
    public IceServers(List<IceServer> configured, TurnSettings turn, Clock clock) {
        this.configured = List.copyOf(configured);
        this.turn = turn == null ? null : new TurnCredentials(turn, clock);
    }

    /** For one party of an appointment's room: the TURN user is {@code <role>-<appointmentId>}. */
    public List<IceServer> forRoom(Role role, long appointmentId) {
        return with(role.wireName() + "-" + appointmentId);
    }

    /** For a doctor's lobby socket (the console's connectivity check allocates with it). */
    public List<IceServer> forLobby(long doctorId) {
        return with("doctor-lobby-" + doctorId);
    }

    private List<IceServer> with(String who) {
        if (turn == null) {
            return configured;
        }
        List<IceServer> all = new ArrayList<>(configured);
        all.add(turn.mint(who));
        return List.copyOf(all);
    }
}
