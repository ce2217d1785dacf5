package dev.carecall.backend.cluster;

import dev.carecall.backend.room.Revocation;
import dev.carecall.protocol.Role;

import java.time.Instant;

/**
 * What one instance tells the others on the Redis channel. Encoded as {@code kind|instance|id|role|payload}: the
 * payload (an encoded {@code ServerMessage}) comes last and is never split. Only CareCall instances write the
 * channel; anything else on it is logged and dropped.
 */
sealed interface BusMessage {
    /** The instance that sent it (its own messages come back to it and are skipped). */
    String from();

    /** A message for the role's socket of the appointment, on whichever instance holds it. */
    record Deliver(String from, long appointmentId, Role to, String encoded) implements BusMessage {
    }

    /** The appointment's call changed in the database. */
    record CallChanged(String from, long appointmentId) implements BusMessage {
    }

    /** The role's socket registered on {@code from}: one elsewhere is older. */
    record Seated(String from, long appointmentId, Role role) implements BusMessage {
    }

    /** A message for the doctor's lobby socket. */
    record Lobby(String from, long doctorId, String encoded) implements BusMessage {
    }

    /** A credential taken back on {@code from}: sockets registered with it close everywhere. */
    record Revoked(String from, Revocation revocation) implements BusMessage {
    }

    static String encode(BusMessage message) {
        return switch (message) {
            case Deliver d -> String.join("|", "D", d.from(), Long.toString(d.appointmentId()), d.to().wireName(),
                    d.encoded());
            case CallChanged c -> String.join("|", "C", c.from(), Long.toString(c.appointmentId()), "", "");
            case Seated s -> String.join("|", "S", s.from(), Long.toString(s.appointmentId()), s.role().wireName(), "");
            case Lobby l -> String.join("|", "L", l.from(), Long.toString(l.doctorId()), "", l.encoded());
            case Revoked r -> switch (r.revocation()) {
                case Revocation.SignedOut s -> String.join("|", "T", r.from(),
                        Long.toString(s.expiresAt().toEpochMilli()), "", s.tokenId());
                case Revocation.LinkReplaced v -> String.join("|", "V", r.from(), Long.toString(v.appointmentId()),
                        "", Integer.toString(v.version()));
                case Revocation.Cancelled c -> String.join("|", "X", r.from(), Long.toString(c.appointmentId()),
                        "", "");
            };
        };
    }

    /** @throws IllegalArgumentException if the text is not one of ours */
    static BusMessage decode(String text) {
        String[] f = text.split("\\|", 5);
        if (f.length != 5) {
            throw new IllegalArgumentException("not a bus message: " + f.length + " fields");
        }
        long id = Long.parseLong(f[2]);
        return switch (f[0]) {
            case "D" -> new Deliver(f[1], id, Role.fromWire(f[3]), f[4]);
            case "C" -> new CallChanged(f[1], id);
            case "S" -> new Seated(f[1], id, Role.fromWire(f[3]));
            case "L" -> new Lobby(f[1], id, f[4]);
            case "T" -> new Revoked(f[1], new Revocation.SignedOut(f[4], Instant.ofEpochMilli(id)));
            case "V" -> new Revoked(f[1], new Revocation.LinkReplaced(id, Integer.parseInt(f[4])));
            case "X" -> new Revoked(f[1], new Revocation.Cancelled(id));
            default -> throw new IllegalArgumentException("unknown bus message kind " + f[0]);
        };
    }
}
