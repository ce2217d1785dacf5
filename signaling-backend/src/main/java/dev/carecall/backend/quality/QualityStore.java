package dev.carecall.backend.quality;

import dev.carecall.backend.storage.Rows;
import dev.carecall.protocol.ClientKind;
import dev.carecall.protocol.Readiness.CandidateType;
import dev.carecall.protocol.Role;
import dev.carecall.protocol.WireEnum;
import io.helidon.dbclient.DbClient;

import java.util.List;
import java.util.function.Function;

/** The {@code call_quality} table: one summary per call session and role. */
public final class QualityStore {
    private final DbClient db;

    public QualityStore(DbClient db) {
        this.db = db;
    }

    /**
     * Writes the summary over the one stored before. Only the party's own socket writes its row, one report after
     * the other, so the update-then-insert never races with itself.
     */
    public void save(QualitySummary s) {
        Object[] values = {s.reports(), s.rttMedianMs(), s.rttWorstMs(), s.sendLossMedianPct(), s.sendLossWorstPct(),
                s.receiveLossMedianPct(), s.receiveLossWorstPct(), s.sendKbpsMedian(), s.sendKbpsLowest(),
                s.receiveKbpsMedian(), s.receiveKbpsLowest(), s.secondsFair(), s.secondsPoor(),
                Rows.timestamp(s.updatedAt()), wire(s.client()), wire(s.localCandidate()), wire(s.remoteCandidate()),
                s.sessionId(), s.role().wireName()};
        if (db.execute().namedUpdate("update-call-quality", values) == 0) {
            db.execute().namedInsert("insert-call-quality", values);
        }
    }

    /** The stored summaries of a session: none, the doctor's, the patient's or both (doctor first). */
    public List<QualitySummary> summariesOf(long sessionId) {
        try (var rows = db.execute().namedQuery("select-call-quality", sessionId)) {
            return rows.map(Rows::of).map(QualityStore::summary).toList();
        }
    }

    private static QualitySummary summary(Rows r) {
        return new QualitySummary(r.longValue("session_id"), Role.fromWire(r.text("role")),
                (int) r.longValue("reports"), integer(r, "rtt_median_ms"), integer(r, "rtt_worst_ms"),
                r.optionalDouble("send_loss_median_pct"), r.optionalDouble("send_loss_worst_pct"),
                r.optionalDouble("receive_loss_median_pct"), r.optionalDouble("receive_loss_worst_pct"),
                integer(r, "send_kbps_median"), integer(r, "send_kbps_lowest"), integer(r, "receive_kbps_median"),
                integer(r, "receive_kbps_lowest"), (int) r.longValue("seconds_fair"),
                (int) r.longValue("seconds_poor"), r.instant("updated_at"), read(r, "client", ClientKind::fromWire),
                read(r, "local_candidate", CandidateType::fromWire), read(r, "remote_candidate", CandidateType::fromWire));
    }

    private static String wire(WireEnum value) {
        return value == null ? null : value.wireName();
    }

    private static <T> T read(Rows r, String column, Function<String, T> parse) {
        String value = r.text(column);
        return value == null ? null : parse.apply(value);
    }

    private static Integer integer(Rows r, String column) {
        Long value = r.optionalLong(column);
        return value == null ? null : value.intValue();
    }
}
