package dev.carecall.backend.outbox;

import dev.carecall.backend.storage.Rows;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbExecute;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** The outbox table: entries are added where events happen and read by the {@link OutboxWorker}. */
public final class Outbox {
    private static final String UNIQUE_VIOLATION = "23505";
    private static final int MAX_ERROR = 1000;

    private final DbClient db;
    private final Clock clock;

    public Outbox(DbClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Adds a delivery, due now; once per dedupe key.
     *
     * @return false if an entry with this dedupe key exists already (nothing is added)
     */
    public boolean enqueue(OutboxKind kind, String target, String dedupeKey, String payload, Long appointmentId) {
        return enqueue(kind, target, dedupeKey, payload, appointmentId, clock.instant());
    }

    /** As {@link #enqueue(OutboxKind, String, String, String, Long)}, due at the given time (a reminder). */
    public boolean enqueue(OutboxKind kind, String target, String dedupeKey, String payload, Long appointmentId,
                           Instant dueAt) {
        DbExecute exec = db.execute();
        long id = exec.namedGet("next-outbox-id").map(Rows::of).orElseThrow().longValue("id");
        try {
            exec.namedInsert("insert-outbox", id, kind.wireName(), target, dedupeKey, payload, appointmentId,
                    Rows.timestamp(dueAt), Rows.timestamp(clock.instant()));
            return true;
        } catch (RuntimeException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                    return false;
                }
            }
            throw e;
        }
    }

    /** The entries of one appointment, oldest first: whether its invitations went out. */
    public List<OutboxEntry> ofAppointment(long appointmentId) {
        try (var rows = db.execute().namedQuery("select-outbox-of-appointment", appointmentId)) {
            return rows.map(Rows::of).map(Outbox::entry).toList();
        }
    }

    List<OutboxEntry> due(Instant now) {
        try (var rows = db.execute().namedQuery("select-outbox-due", Rows.timestamp(now), Rows.timestamp(now))) {
            return rows.map(Rows::of).map(Outbox::entry).toList();
        }
    }

    /** Takes the entry for this worker until {@code until}; false if another worker has it or it is done. */
    boolean claim(long id, Instant now, Instant until) {
        return db.execute().namedUpdate("claim-outbox", Rows.timestamp(until), id, Rows.timestamp(now)) > 0;
    }

    void sent(long id, Instant now) {
        db.execute().namedUpdate("outbox-sent", Rows.timestamp(now), id);
    }

    void retry(long id, Instant next, String error) {
        db.execute().namedUpdate("outbox-retry", Rows.timestamp(next), shorten(error), id);
    }

    void failed(long id, Instant now, String error) {
        db.execute().namedUpdate("outbox-failed", Rows.timestamp(now), shorten(error), id);
    }

    private static String shorten(String error) {
        return error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
    }

    private static OutboxEntry entry(Rows r) {
        return new OutboxEntry(r.longValue("id"), OutboxKind.fromWire(r.text("kind")), r.text("target"),
                r.text("dedupe_key"), r.text("payload"), r.optionalLong("appointment_id"), r.text("status"),
                (int) r.longValue("attempts"), r.text("last_error"));
    }
}
