package dev.carecall.backend.auth;

import dev.carecall.protocol.Role;

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
     * @param doctorId the doctor's user id
     * @param username the doctor's user name
     */
    record Doctor(long doctorId, String username) implements Caller {
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
     */
    record Patient(long appointmentId) implements Caller {
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
