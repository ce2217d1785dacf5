package dev.carecall.backend.storage;

import dev.carecall.protocol.ProtocolCodec;
import dev.carecall.protocol.Readiness;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbExecute;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the waiting room keeps: the doctor's messages to a waiting patient and the reason for declining them (per
 * call session), and the patient's latest pre-call check (per appointment). Stored so that a reload of the page or a
 * restart of the server still shows them.
 */
public final class WaitingRoomStore {
    private final DbClient db;
    private final ProtocolCodec codec;

    WaitingRoomStore(DbClient db, ProtocolCodec codec) {
        this.db = db;
        this.codec = codec;
    }

    /** What the doctor wrote to the waiting patient, or why they declined. */
    public enum NoteKind { MESSAGE, DECLINE }

    /** One stored note of a session. */
    public record Note(NoteKind kind, String text, Instant sentAt) {
    }

    /** A stored pre-call check. */
    public record StoredReadiness(Readiness readiness, Instant receivedAt) {
    }

    public void addNote(long sessionId, NoteKind kind, String text, Instant at) {
        DbExecute exec = db.execute();
        long id = Transactions.nextId(exec, "next-waiting-note-id");
        exec.namedInsert("insert-waiting-note", id, sessionId, kind.name().toLowerCase(java.util.Locale.ROOT), text,
                Rows.timestamp(at));
    }

    /** The session's notes, in the order they were written. */
    public List<Note> notes(long sessionId) {
        try (var rows = db.execute().namedQuery("select-waiting-notes", sessionId)) {
            return rows.map(Rows::of).map(r -> new Note(
                    NoteKind.valueOf(r.text("kind").toUpperCase(java.util.Locale.ROOT)), r.text("text"),
                    r.instant("sent_at"))).toList();
        }
    }

    /** Keeps the appointment's latest pre-call check, replacing the one before. */
    public void saveReadiness(long appointmentId, Readiness readiness, Instant at) {
        String json = codec.toJson(readiness);
        Transactions.inTransaction(db, tx -> {
            tx.namedDelete("delete-readiness", appointmentId);
            tx.namedInsert("insert-readiness", appointmentId, json, Rows.timestamp(at));
            return null;
        });
    }

    public Optional<StoredReadiness> readiness(long appointmentId) {
        return db.execute().namedGet("select-readiness", appointmentId).map(Rows::of)
                .map(r -> new StoredReadiness(codec.fromJson(r.text("report"), Readiness.class),
                        r.instant("received_at")));
    }
}
