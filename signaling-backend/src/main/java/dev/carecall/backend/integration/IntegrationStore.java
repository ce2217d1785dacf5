package dev.carecall.backend.integration;

import dev.carecall.backend.storage.Rows;
import dev.carecall.backend.storage.Transactions;
import dev.carecall.protocol.CallStatus;
import io.helidon.dbclient.DbClient;
import io.helidon.dbclient.DbExecute;
import io.helidon.dbclient.DbTransaction;

import java.net.URI;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** What the integration API stores: service keys, Idempotency-Key answers, clinic ids of doctors and appointments. */
public final class IntegrationStore {
    /** SQLSTATE of a unique-constraint violation, the same in H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final DbClient db;

    public IntegrationStore(DbClient db) {
        this.db = db;
    }

    // ---- service keys ----------------------------------------------------------------------------------------------

    long insertServiceKey(String name, String keyHash, String scopes, String webhookUrl, String webhookSecret,
                          Instant now) {
        DbExecute exec = db.execute();
        long id = nextId(exec, "next-service-key-id");
        exec.namedInsert("insert-service-key", id, name, keyHash, scopes, webhookUrl, webhookSecret,
                Rows.timestamp(now));
        return id;
    }

    Optional<ServiceClient> activeKey(String keyHash) {
        return db.execute().namedGet("select-service-key-by-hash", keyHash).map(Rows::of)
                .map(IntegrationStore::client);
    }

    /** The key of this id, unless it was revoked. */
    public Optional<ServiceClient> activeKey(long id) {
        return db.execute().namedGet("select-service-key-by-id", id).map(Rows::of).map(IntegrationStore::client);
    }

    /** The clinic's id of an appointment, if it came through this API. */
    public Optional<String> externalId(long appointmentId) {
        return db.execute().namedGet("select-appointment-external-id", appointmentId).map(Rows::of)
                .map(r -> r.text("external_id"));
    }

    /** Active keys with a webhook address: where events go. */
    public List<ServiceClient> webhookTargets() {
        try (var rows = db.execute().namedQuery("select-webhook-targets")) {
            return rows.map(Rows::of).map(IntegrationStore::client).toList();
        }
    }

    /** Name, scopes, webhook address and whether revoked, of every key: never the key or the secret. */
    List<String> describeKeys() {
        try (var rows = db.execute().namedQuery("select-service-keys")) {
            return rows.map(Rows::of).map(r -> r.text("name") + "  scopes=" + r.text("scopes")
                    + "  webhook=" + (r.text("webhook_url") == null ? "-" : r.text("webhook_url"))
                    + (r.instant("revoked_at") == null ? "" : "  revoked " + r.instant("revoked_at"))).toList();
        }
    }

    boolean revoke(String name, Instant now) {
        return db.execute().namedUpdate("revoke-service-key", Rows.timestamp(now), name) > 0;
    }

    // ---- Idempotency-Key -------------------------------------------------------------------------------------------

    /** Claims the key for this request; false if another request claimed it first. */
    boolean claimIdempotencyKey(long serviceKeyId, String key, String requestHash, Instant now) {
        try {
            db.execute().namedInsert("insert-idempotency", serviceKeyId, key, requestHash, Rows.timestamp(now));
            return true;
        } catch (RuntimeException e) {
            if (isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    /** The stored request hash and, once the first request finished, its answer. */
    Optional<StoredAnswer> idempotencyAnswer(long serviceKeyId, String key) {
        return db.execute().namedGet("select-idempotency", serviceKeyId, key).map(Rows::of).map(r -> {
            Long status = r.optionalLong("response_status");
            return new StoredAnswer(r.text("request_hash"),
                    status == null ? null : new Answer(status.intValue(), r.text("response_body")));
        });
    }

    void completeIdempotencyKey(long serviceKeyId, String key, Answer answer) {
        db.execute().namedUpdate("complete-idempotency", answer.status(), answer.json(), serviceKeyId, key);
    }

    /** Frees the key after a failure of ours, so the client's retry runs the request again. */
    void releaseIdempotencyKey(long serviceKeyId, String key) {
        db.execute().namedDelete("delete-idempotency", serviceKeyId, key);
    }

    /**
     * @param requestHash SHA-256 of the request the key was first used with
     * @param answer      its answer, or null while it still runs
     */
    record StoredAnswer(String requestHash, Answer answer) {
    }

    // ---- doctors ---------------------------------------------------------------------------------------------------

    long insertDoctor(String externalId, String username, String passwordHash, String displayName, Instant now) {
        DbExecute exec = db.execute();
        long id = nextId(exec, "next-user-id");
        exec.namedInsert("insert-external-doctor", id, username, passwordHash, displayName, Rows.timestamp(now),
                externalId);
        return id;
    }

    Optional<ExternalDoctor> doctor(String externalId) {
        return db.execute().namedGet("select-external-doctor", externalId).map(Rows::of)
                .map(r -> new ExternalDoctor(r.longValue("id"), r.text("external_id"), r.text("username"),
                        r.text("display_name")));
    }

    void renameDoctor(long id, String displayName) {
        db.execute().namedUpdate("update-doctor-name", displayName, id);
    }

    void setDoctorPassword(long id, String passwordHash) {
        db.execute().namedUpdate("update-doctor-password", passwordHash, id);
    }

    // ---- appointments ----------------------------------------------------------------------------------------------

    long insertAppointment(String externalId, long doctorId, String patientName, Instant scheduledAt, String email,
                           String phone, String language, String timeZone, PaymentStatus payment, Instant now) {
        return inTransaction(tx -> {
            long patientId = nextId(tx, "next-patient-id");
            tx.namedInsert("insert-patient", patientId, patientName, Rows.timestamp(now));
            long id = nextId(tx, "next-appointment-id");
            tx.namedInsert("insert-external-appointment", id, doctorId, patientId, Rows.timestamp(scheduledAt),
                    payment == PaymentStatus.PAID, externalId, email, phone, language, timeZone, payment.wireName());
            return id;
        });
    }

    Optional<ExternalAppointment> appointment(String externalId) {
        return db.execute().namedGet("select-external-appointment", externalId).map(Rows::of)
                .map(IntegrationStore::appointment);
    }

    /** Any appointment by CareCall's id, also one made on the command line (no externalId, no contacts). */
    public Optional<ExternalAppointment> appointment(long id) {
        return db.execute().namedGet("select-external-appointment-by-id", id).map(Rows::of)
                .map(IntegrationStore::appointment);
    }

    void updateAppointment(ExternalAppointment a) {
        inTransaction(tx -> {
            tx.namedUpdate("update-external-appointment", a.doctorId(), Rows.timestamp(a.scheduledAt()), a.email(),
                    a.phone(), a.language(), a.timeZone(), a.id());
            tx.namedUpdate("update-patient-name", a.patientName(), a.patientId());
            return null;
        });
    }

    void updatePayment(long id, PaymentStatus payment) {
        db.execute().namedUpdate("update-payment", payment == PaymentStatus.PAID, payment.wireName(), id);
    }

    /** Marks it cancelled; false if it was cancelled already. */
    boolean cancel(long id, Instant now) {
        return db.execute().namedUpdate("cancel-appointment", Rows.timestamp(now), id) > 0;
    }

    /** Whether this failure is a unique constraint refusing a second row (an externalId or username in use). */
    static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private <T> T inTransaction(Function<DbTransaction, T> work) {
        return Transactions.inTransaction(db, work);
    }

    private static long nextId(DbExecute exec, String statement) {
        return Transactions.nextId(exec, statement);
    }

    private static ServiceClient client(Rows r) {
        String url = r.text("webhook_url");
        return new ServiceClient(r.longValue("id"), r.text("name"), Scope.parseList(r.text("scopes")),
                url == null ? null : URI.create(url), r.text("webhook_secret"));
    }

    private static ExternalAppointment appointment(Rows r) {
        return new ExternalAppointment(r.longValue("id"), r.text("external_id"), r.longValue("doctor_id"),
                r.text("doctor_external_id"), r.text("doctor_username"), r.text("doctor_name"), r.longValue("patient_id"),
                r.text("patient_name"), r.instant("scheduled_at"), r.text("patient_email"), r.text("patient_phone"),
                r.text("patient_language"), r.text("patient_time_zone"),
                PaymentStatus.fromWire(r.text("payment_status")).orElse(PaymentStatus.UNPAID),
                r.instant("cancelled_at"), CallStatus.fromWire(r.text("call_status")),
                (int) r.longValue("link_version"));
    }
}
