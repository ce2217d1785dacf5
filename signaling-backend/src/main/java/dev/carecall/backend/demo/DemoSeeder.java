package dev.carecall.backend.demo;

import dev.carecall.backend.DemoData;
import dev.carecall.backend.storage.Appointment;
import dev.carecall.backend.storage.CallSession;
import dev.carecall.backend.storage.CareCallStore;
import dev.carecall.backend.storage.Doctor;
import dev.carecall.protocol.CallEndReason;
import dev.carecall.protocol.CallEvent;
import dev.carecall.protocol.Role;
import dev.carecall.protocol.rest.CallEventView;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Creates the demo: doctors {@code demo-doctor} and {@code demo-doctor-2} (password {@code demo-password}), three
 * appointments of demo-doctor around now (paid; unpaid; paid with an ended call) and one of demo-doctor-2.
 */
public final class DemoSeeder {
    public static final String DOCTOR = "demo-doctor";
    public static final String OTHER_DOCTOR = "demo-doctor-2";
    public static final String PASSWORD = "demo-password";
    /** bcrypt (cost 10) of {@link #PASSWORD}, precomputed: every test server seeds the demo, and hashing is slow. */
    static final String PASSWORD_HASH = "$2a$10$mh5g1j6l7kR4P22qaNJlzehxgHLaZAb7te/d4KoSVCPCvoKPHe05K";

    private DemoSeeder() {
    }

    /** Creates the demo data, unless demo-doctor exists already (then nothing changes and null is returned). */
    public static DemoData seed(CareCallStore store, Instant now) {
        if (store.findDoctor(DOCTOR).isPresent()) {
            return null;
        }
        String hash = PASSWORD_HASH;
        Doctor doctor = store.createDoctor(DOCTOR, hash, "Dr. Ana Costa", now);
        Doctor other = store.createDoctor(OTHER_DOCTOR, hash, "Dr. Jonas Berg", now);
        Instant base = now.truncatedTo(ChronoUnit.MINUTES);

        long paid = appointment(store, doctor, "Maria Schneider", base.plus(Duration.ofMinutes(10)), true, now);
        long unpaid = appointment(store, doctor, "James O'Connor", base.plus(Duration.ofMinutes(40)), false, now);
        long ended = appointment(store, doctor, "Aisha Rahman", base.minus(Duration.ofMinutes(50)), true, now);
        long otherDoctors = appointment(store, other, "Tomás Álvarez", base.plus(Duration.ofMinutes(20)), true, now);

        // Aisha Rahman's consultation took place an hour ago: the doctor started, she joined, he ended it.
        Instant started = base.minus(Duration.ofMinutes(48));
        Instant joined = started.plusSeconds(35);
        Instant finished = joined.plus(Duration.ofMinutes(12));
        Appointment endedAppointment = store.findAppointment(ended).orElseThrow();
        CallSession session = store.startSession(endedAppointment, Role.DOCTOR, started,
                List.of(new CallEventView(started, CallEvent.START_CALL, Role.DOCTOR)));
        List<CallEventView> log = List.of(new CallEventView(started, CallEvent.START_CALL, Role.DOCTOR),
                new CallEventView(joined, CallEvent.JOIN_CALL, Role.PATIENT),
                new CallEventView(joined.plusMillis(300), CallEvent.OFFER, Role.DOCTOR),
                new CallEventView(joined.plusMillis(700), CallEvent.ANSWER, Role.PATIENT),
                new CallEventView(finished, CallEvent.END_CALL, Role.DOCTOR));
        store.joinSession(ended, session.id(), joined, log.subList(0, 2));
        // Its chat, so the console's call history has a transcript to show.
        store.addChatLine(session.id(), 1, joined.plusSeconds(90), Role.PATIENT,
                "I wrote down the readings from this week: 128/82 on average.");
        store.addChatLine(session.id(), 2, joined.plusSeconds(130), Role.DOCTOR,
                "Thank you. Keep the dose as it is and measure again in two weeks.");
        store.endSession(ended, session.id(), Role.DOCTOR, CallEndReason.HANGUP, finished, log);
        return new DemoData(paid, unpaid, ended, otherDoctors);
    }

    private static long appointment(CareCallStore store, Doctor doctor, String patient, Instant at, boolean paid,
                                    Instant now) {
        return store.createAppointment(doctor.id(), store.createPatient(patient, now), at, paid);
    }
}
