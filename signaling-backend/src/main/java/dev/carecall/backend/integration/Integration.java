package dev.carecall.backend.integration;

import dev.carecall.backend.storage.CareCallStore;
import io.helidon.dbclient.DbClient;

import java.time.Clock;

/**
 * The integration feature's parts, made once per backend.
 *
 * @param store        its tables
 * @param keys         service keys
 * @param idempotency  Idempotency-Key answers
 * @param appointments appointments by the clinic's id
 * @param doctors      doctors by the clinic's id
 */
public record Integration(IntegrationStore store, ServiceKeys keys, Idempotency idempotency,
                          AppointmentsApi appointments, DoctorsApi doctors) {

    public static Integration create(DbClient db, CareCallStore careCall, Clock clock, AppointmentChanges changes) {
        IntegrationStore store = new IntegrationStore(db);
        return new Integration(store, new ServiceKeys(store, clock), new Idempotency(store, clock),
                new AppointmentsApi(store, careCall, clock, changes), new DoctorsApi(store, careCall, clock));
    }
}
