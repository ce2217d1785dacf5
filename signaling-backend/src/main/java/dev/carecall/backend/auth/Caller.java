package dev.carecall.backend.auth;

import dev.carecall.protocol.Role;

import java.time.Instant;

/** Who a valid token says is calling: a signed-in doctor, or the patient of one appointment. */
public sealed interface Caller {

    Role role();

    /** For the audit table, e.g. {@code doctor:demo-doctor} or {@code patient:12}. */
    String auditName();

    /** For log lines, which name nobody: {@code doctor 3} (the user id) or {@code patient of appointment 12}. */
    String logName();

    /**
     * A doctor, from a sign-in token.
     *
     * @param doctorId  the doctor's user id
     * @param username  the doctor's user name
     * @param tokenId   the sign-in token's id, which signing out puts on the deny-list; null for a caller made
     *                  without a token (tests, the server's own work)
     * @param expiresAt when the sign-in token expires, or null without a token
     */
    record Doctor(long doctorId, String username, String tokenId, Instant expiresAt) implements Caller {
        /** A doctor without a sign-in token behind it. */
        public Doctor(long doctorId, String username) {
            this(doctorId, username, null, null);
        }

        @Override
        public Role role() {
            return Role.DOCTOR;
        }

        @Override
        public String auditName() {
            return "doctor:" + username;
        }

        @Override
        public String logName() {
            return "doctor " + doctorId;
        }
    }

    /**
     * The patient of one appointment, from its join link.
     *
     * @param appointmentId the only appointment this token opens
     * @param linkVersion   the join link's version; an older one than the appointment's is refused (LINK_REPLACED)
     */
    record Patient(long appointmentId, int linkVersion) implements Caller {
        /** The patient of a link of the first version, as every appointment starts with. */
        public Patient(long appointmentId) {
            this(appointmentId, 1);
        }

        @Override
        public Role role() {
            return Role.PATIENT;
        }

        @Override
        public String auditName() {
            return "patient:" + appointmentId;
        }

        @Override
        public String logName() {
            return "patient of appointment " + appointmentId;
        }
    }
}
