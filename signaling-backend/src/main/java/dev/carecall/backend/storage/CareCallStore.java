package dev.carecall.backend.storage;

import dev.carecall.protocol.CallEndReason;
import dev.carecall.protocol.CallStatus;
import dev.carecall.protocol.ProtocolCodec;
import dev.carecall.protocol.Role;
import dev.carecall.protocol.rest.CallEventView;
import dev.carecall.protocol.rest.ChatLineView;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbTransaction;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Everything CareCall stores: doctors, patients, appointments with their call state, call sessions with their
 * signaling logs and chat transcripts, and the audit log. Changes that touch two tables run in one transaction.
 */
public final class CareCallStore {
    private final DbClient db;
    private final ProtocolCodec codec;
    private final WaitingRoomStore waitingRoom;

    public CareCallStore(DbClient db, ProtocolCodec codec) {
        this.db = db;
        this.codec = codec;
        this.waitingRoom = new WaitingRoomStore(db, codec);
    }

    /** The waiting room's notes and pre-call checks, in the same database. */
    public WaitingRoomStore waitingRoom() {
        return waitingRoom;
    }

    public Doctor createDoctor(String username, String passwordHash, String displayName, Instant now) {
        DbExecute exec = db.execute();
        long id = nextId(exec, "next-user-id");
        exec.namedInsert("insert-user", id, username, passwordHash, displayName, Rows.timestamp(now));
        return new Doctor(id, username, passwordHash, displayName);
    }

    /** The doctor of this user name, whatever its case and surrounding spaces (names are one case for sign-in). */
    public Optional<Doctor> findDoctor(String username) {
        return db.execute().namedGet("select-user-by-name", username.strip().toLowerCase(java.util.Locale.ROOT)).map(Rows::of).map(CareCallStore::doctor);
    }

    public Optional<Doctor> findDoctor(long id) {
        return db.execute().namedGet("select-user-by-id", id).map(Rows::of).map(CareCallStore::doctor);
    }

    public long createPatient(String fullName, Instant now) {
        DbExecute exec = db.execute();
        long id = nextId(exec, "next-patient-id");
        exec.namedInsert("insert-patient", id, fullName, Rows.timestamp(now));
        return id;
    }

    public long createAppointment(long doctorId, long patientId, Instant scheduledAt, boolean paid) {
        DbExecute exec = db.execute();
        long id = nextId(exec, "next-appointment-id");
        exec.namedInsert("insert-appointment", id, doctorId, patientId, Rows.timestamp(scheduledAt), paid);
        return id;
    }

    public Optional<Appointment> findAppointment(long id) {
        return db.execute().namedGet("select-appointment", id).map(Rows::of).map(CareCallStore::appointment);
    }

    /** The doctor's appointments, earliest first. */
    public List<Appointment> appointmentsOf(long doctorId) {
        try (var rows = db.execute().namedQuery("select-doctor-appointments", doctorId)) {
            return rows.map(Rows::of).map(CareCallStore::appointment).toList();
        }
    }

    /**
     * Stores a new waiting call session and marks the appointment's call as waiting; returns the session. Throws
     * {@link CallChangedElsewhere} (and stores nothing) if the stored call waits or runs already.
     */
    public CallSession startSession(Appointment appointment, Role startedBy, Instant at, List<CallEventView> log) {
        return startSession(appointment, startedBy, at, log, null);
    }

    /**
     * As {@link #startSession(Appointment, Role, Instant, List)}, with the audit row ({@code start-call}, "session
     * N") in the same transaction when {@code auditActor} is given: one commit instead of two, and never a call
     * without its audit row or the other way round.
     */
    public CallSession startSession(Appointment appointment, Role startedBy, Instant at, List<CallEventView> log,
                                    String auditActor) {
        return inTransaction(tx -> {
            // First, so the row lock orders two instances starting at once; the second finds a live call.
            if (tx.namedUpdate("claim-appointment-call", startedBy.wireName(), Rows.timestamp(at),
                    appointment.id()) == 0) {
                throw new CallChangedElsewhere();
            }
            long id = nextId(tx, "next-session-id");
            tx.namedInsert("insert-session", id, appointment.id(), appointment.doctorId(), appointment.patientId(),
                    startedBy.wireName(), Rows.timestamp(at), codec.toJson(log), log.size());
            audit(tx, at, auditActor, "start-call", appointment.id(), "session " + id);
            return new CallSession(id, appointment.id(), CallStatus.WAITING, startedBy, at, null, null, null, null,
                    null, log);
        });
    }

    /** Marks the session and the appointment's call as active: the second party joined. {@link CallChangedElsewhere}
     * if the stored call no longer waits. */
    public void joinSession(long appointmentId, long sessionId, Instant at, List<CallEventView> log) {
        joinSession(appointmentId, sessionId, at, log, null);
    }

    /** As {@link #joinSession(long, long, Instant, List)}, with the audit row {@code join-call} in the same commit. */
    public void joinSession(long appointmentId, long sessionId, Instant at, List<CallEventView> log,
                            String auditActor) {
        inTransaction(tx -> {
            if (tx.namedUpdate("join-appointment-call", appointmentId) == 0) {
                throw new CallChangedElsewhere();
            }
            tx.namedUpdate("update-session-joined", Rows.timestamp(at), codec.toJson(log), log.size(), sessionId);
            audit(tx, at, auditActor, "join-call", appointmentId, "session " + sessionId);
            return null;
        });
    }

    /** Ends the session and the appointment's call; {@link CallChangedElsewhere} if it was not live any more. */
    public void endSession(long appointmentId, long sessionId, Role endedBy, CallEndReason reason, Instant at,
                           List<CallEventView> log) {
        endSession(appointmentId, sessionId, endedBy, reason, at, log, null);
    }

    /** As {@link #endSession(long, long, Role, CallEndReason, Instant, List)}, with the audit row {@code end-call}. */
    public void endSession(long appointmentId, long sessionId, Role endedBy, CallEndReason reason, Instant at,
                           List<CallEventView> log, String auditActor) {
        inTransaction(tx -> {
            if (tx.namedUpdate("end-appointment-call", Rows.timestamp(at), appointmentId) == 0) {
                throw new CallChangedElsewhere();
            }
            tx.namedUpdate("update-session-ended", Rows.timestamp(at), endedBy == null ? null : endedBy.wireName(),
                    reason.wireName(), codec.toJson(log), log.size(), sessionId);
            audit(tx, at, auditActor, "end-call", appointmentId, "session " + sessionId + ", " + reason.wireName());
            return null;
        });
    }

    /**
     * Stores the waiting or running session's log as it has grown; a log shorter than the stored one (an older
     * batch) and an ended session are left alone. Returns whether it was written.
     */
    public boolean updateLog(long sessionId, List<CallEventView> log) {
        return db.execute().namedUpdate("update-session-log", codec.toJson(log), log.size(), sessionId,
                log.size()) > 0;
    }

    /** Notes since when nobody has been in the waiting or running session; null: someone is back. */
    public void markEmpty(long sessionId, Instant since) {
        db.execute().namedUpdate("update-session-empty", since == null ? null : Rows.timestamp(since), sessionId);
    }

    /** The appointments whose call waits or runs, as the database holds them (after a restart: maybe nobody's). */
    public List<Long> liveCallAppointments() {
        try (var rows = db.execute().namedQuery("select-live-appointment-ids")) {
            return rows.map(Rows::of).map(r -> r.longValue("id")).toList();
        }
    }

    public Optional<CallSession> findSession(long id) {
        return db.execute().namedGet("select-session", id).map(Rows::of).map(this::session);
    }

    /** The appointment's latest call session, if it ever had one. */
    public Optional<CallSession> latestSession(long appointmentId) {
        try (var rows = db.execute().namedQuery("select-latest-session", appointmentId)) {
            return rows.map(Rows::of).map(this::session).findFirst();
        }
    }

    /** The appointment's call sessions, newest first. */
    public List<CallSession> sessionsOf(long appointmentId) {
        try (var rows = db.execute().namedQuery("select-sessions", appointmentId)) {
            return rows.map(Rows::of).map(this::session).toList();
        }
    }

    /** Stores one chat line of a session as its {@code seq}-th (from 1). */
    public void addChatLine(long sessionId, int seq, Instant at, Role from, String text) {
        db.execute().namedInsert("insert-chat-line", sessionId, seq, Rows.timestamp(at), from.wireName(), text);
    }

    /** How many chat lines the session has stored. */
    public int chatLineCount(long sessionId) {
        return db.execute().namedGet("select-chat-line-count", sessionId).map(Rows::of)
                .map(r -> (int) r.longValue("n")).orElse(0);
    }

    /** The chat transcripts of the appointment's sessions, by session id, each oldest first. */
    public Map<Long, List<ChatLineView>> transcriptsOf(long appointmentId) {
        Map<Long, List<ChatLineView>> bySession = new HashMap<>();
        try (var rows = db.execute().namedQuery("select-appointment-chat-lines", appointmentId)) {
            rows.map(Rows::of).forEach(r -> bySession.computeIfAbsent(r.longValue("session_id"), s -> new ArrayList<>())
                    .add(new ChatLineView(r.instant("at"), Role.fromWire(r.text("from_role")), r.text("line"))));
        }
        return bySession;
    }

    /** Deletes the chat lines of calls that ended before {@code cutoff} (the retention); returns how many. */
    public long deleteChatLinesEndedBefore(Instant cutoff) {
        return db.execute().namedDelete("delete-chat-lines-ended-before", Rows.timestamp(cutoff));
    }

    public void audit(Instant at, String actor, String action, Long appointmentId, String detail) {
        audit(db.execute(), at, actor, action, appointmentId, detail);
    }

    /** Writes an audit row through {@code exec} (a transaction's, to commit it with the change); none without actor. */
    private static void audit(DbExecute exec, Instant at, String actor, String action, Long appointmentId,
                              String detail) {
        if (actor == null) {
            return;
        }
        exec.namedInsert("insert-audit", Rows.timestamp(at), actor, action, appointmentId, detail);
    }

    /** The audit log of one appointment, oldest first. */
    public List<AuditEntry> auditOf(long appointmentId) {
        try (var rows = db.execute().namedQuery("select-audit", appointmentId)) {
            return rows.map(Rows::of).map(r -> new AuditEntry(r.instant("at"), r.text("actor"), r.text("action"),
                    r.optionalLong("appointment_id"), r.text("detail"))).toList();
        }
    }

    /** The latest (at most 100) audit rows of one action, newest first: failed sign-ins, for instance. */
    public List<AuditEntry> latestAudit(String action) {
        try (var rows = db.execute().namedQuery("select-audit-by-action", action)) {
            return rows.map(Rows::of).map(r -> new AuditEntry(r.instant("at"), r.text("actor"), r.text("action"),
                    r.optionalLong("appointment_id"), r.text("detail"))).toList();
        }
    }

    /**
     * Raises the appointment's join-link version by one, which refuses every link of the versions before; returns
     * the new version, or empty when there is no such appointment.
     */
    public Optional<Integer> nextLinkVersion(long appointmentId) {
        return inTransaction(tx -> {
            if (tx.namedUpdate("increment-link-version", appointmentId) == 0) {
                return Optional.empty();
            }
            return tx.namedGet("select-link-version", appointmentId).map(Rows::of)
                    .map(r -> (int) r.longValue("link_version"));
        });
    }

    /**
     * Puts a token id on the deny-list until the token's own expiry. Revoking an id that is listed already keeps the
     * first row (two sign-outs with one token racing each other are one sign-out).
     */
    public void revokeToken(String tokenId, Instant revokedAt, Instant expiresAt) {
        try {
            db.execute().namedInsert("insert-revoked-token", tokenId, Rows.timestamp(revokedAt),
                    Rows.timestamp(expiresAt));
        } catch (RuntimeException e) {
            if (db.execute().namedGet("select-revoked-token", tokenId).isEmpty()) {
                throw e;
            }
        }
    }

    /** Revoked token ids listed at or after {@code since} that have not expired by {@code now}. */
    public List<RevokedToken> revokedTokensSince(Instant since, Instant now) {
        try (var rows = db.execute().namedQuery("select-revoked-tokens-since", Rows.timestamp(since),
                Rows.timestamp(now))) {
            return rows.map(Rows::of).map(r -> new RevokedToken(r.text("token_id"), r.instant("revoked_at"),
                    r.instant("expires_at"))).toList();
        }
    }

    /** Deletes the deny-list rows whose tokens have expired by {@code now} (they can never verify again). */
    public long deleteExpiredRevocations(Instant now) {
        return db.execute().namedDelete("delete-expired-revoked-tokens", Rows.timestamp(now));
    }

    /** True when the database answers a trivial query. */
    public boolean ping() {
        return db.execute().namedGet("ping").isPresent();
    }

    private <T> T inTransaction(Function<DbTransaction, T> work) {
        return Transactions.inTransaction(db, work);
    }

    private static long nextId(DbExecute exec, String statement) {
        return Transactions.nextId(exec, statement);
    }

    private static Doctor doctor(Rows r) {
        return new Doctor(r.longValue("id"), r.text("username"), r.text("password_hash"), r.text("display_name"));
    }

    private static Appointment appointment(Rows r) {
        String startedBy = r.text("call_started_by");
        return new Appointment(r.longValue("id"), r.longValue("doctor_id"), r.text("doctor_name"),
                r.longValue("patient_id"), r.text("patient_name"), r.instant("scheduled_at"), r.bool("paid"),
                CallStatus.fromWire(r.text("call_status")), startedBy == null ? null : Role.fromWire(startedBy),
                r.instant("call_started_at"), r.instant("call_ended_at"), r.instant("cancelled_at") != null,
                (int) r.longValue("link_version"));
    }

    private CallSession session(Rows r) {
        String endedBy = r.text("ended_by");
        String endReason = r.text("end_reason");
        String log = r.text("signaling_log");
        return new CallSession(r.longValue("id"), r.longValue("appointment_id"),
                CallStatus.fromWire(r.text("status")), Role.fromWire(r.text("started_by")),
                r.instant("started_at"), r.instant("joined_at"), r.instant("ended_at"),
                endedBy == null ? null : Role.fromWire(endedBy),
                endReason == null ? null : CallEndReason.fromWire(endReason), r.instant("empty_since"),
                log == null || log.isBlank() ? List.of() : codec.listFromJson(log, CallEventView.class));
    }
}
