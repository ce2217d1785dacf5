package dev.carecall.bench.process;

import dev.carecall.backend.auth.Passwords;
import dev.carecall.backend.auth.Tokens;
import dev.carecall.backend.storage.CareCallStore;
import dev.carecall.backend.storage.Database;
import dev.carecall.backend.storage.DatabaseSettings;
import dev.carecall.backend.storage.Doctor;
import dev.carecall.protocol.ProtocolCodec;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Doctors and paid appointments written into the backend's database through the backend's own store, one doctor
 * per appointment, and the tokens each side of each appointment registers with: a doctor's sign-in token and the
 * patient's join-link token, signed with the running backend's secret (what sign-in and the join link hand out).
 */
public final class BenchData {
    /** One appointment and the two tokens of its parties. */
    public record Appointment(long id, String doctorUsername, String doctorToken, String patientToken) {
    }

    /** Every benchmark doctor's password (the render probe signs in with it). */
    public static final String PASSWORD = "bench-password-1";

    private BenchData() {
    }

    /** Writes {@code count} appointments (a few threads at once) and returns them with their tokens. */
    public static List<Appointment> create(DatabaseSettings settings, String secret, int count, String prefix) {
        Tokens tokens = new Tokens(secret, Clock.systemUTC());
        String hash = Passwords.hash(PASSWORD); // bcrypt once: every benchmark doctor has the same password
        Instant now = Instant.now();
        int threads = 8;
        try (Database database = Database.open(settings);
             ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            CareCallStore store = new CareCallStore(database.client(), new ProtocolCodec());
            List<Future<List<Appointment>>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                parts.add(pool.submit(() -> {
                    List<Appointment> made = new ArrayList<>();
                    for (int i = first; i < count; i += threads) {
                        String username = prefix + "-doctor-" + i;
                        Doctor doctor = store.createDoctor(username, hash, "Dr. Bench " + i, now);
                        long patient = store.createPatient("Bench Patient " + i, now);
                        long id = store.createAppointment(doctor.id(), patient, now.plus(Duration.ofMinutes(5)),
                                true);
                        made.add(new Appointment(id, username,
                                tokens.doctorToken(doctor.id(), username, now.plus(Duration.ofHours(12))),
                                tokens.patientToken(id, 1, now.plus(Duration.ofDays(2)))));
                    }
                    return made;
                }));
            }
            List<Appointment> all = new ArrayList<>(count);
            for (Future<List<Appointment>> part : parts) {
                all.addAll(part.get());
            }
            return all;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing appointments", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot write the benchmark's appointments: " + e.getCause(),
                    e.getCause());
        }
    }
}
