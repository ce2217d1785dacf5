package dev.carecall.backend.admin;

import dev.carecall.backend.BackendSettings;
import dev.carecall.backend.CareCallException;
import dev.carecall.backend.auth.Passwords;
import dev.carecall.backend.storage.Appointment;
import dev.carecall.backend.storage.CareCallStore;
import dev.carecall.backend.storage.Database;
import dev.carecall.backend.storage.DatabaseSettings;
import dev.carecall.protocol.ProtocolCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin commands against a file database, as an operator would run them. */
class AdminCommandsIT {
    @TempDir
    Path dir;

    @Test
    void anOperatorAddsADoctorAndAnAppointmentAndGetsTheJoinLink() {
        DatabaseSettings db = new DatabaseSettings("jdbc:h2:file:" + dir.resolve("carecall"), "sa", "");
        AdminCommands admin = new AdminCommands(BackendSettings.forTests().toBuilder().database(db).build(), Clock.systemUTC());

        String added = admin.run(new String[]{"--add-doctor", "--username=dr-lee", "--name=Dr. Min-jun Lee"},
                "correct horse battery");
        assertTrue(added.contains("dr-lee"), added);
        assertThrows(CareCallException.class, () -> admin.run(new String[]{"--add-doctor", "--username=dr-lee",
                "--name=Dr. Min-jun Lee"}, "correct horse battery"), "no second doctor of that name");

        String appointment = admin.run(new String[]{"--add-appointment", "--doctor=dr-lee", "--patient=Sofia Rossi",
                "--at=2026-05-04T09:30:00Z", "--paid"}, null);
        assertTrue(appointment.contains("/join/"), appointment);
        assertThrows(CareCallException.class, () -> admin.run(new String[]{"--add-appointment", "--doctor=dr-lee",
                "--patient=Sofia Rossi", "--at=tomorrow"}, null));

        try (Database database = Database.open(db)) {
            CareCallStore store = new CareCallStore(database.client(), new ProtocolCodec());
            var doctor = store.findDoctor("dr-lee").orElseThrow();
            assertTrue(Passwords.matches("correct horse battery", doctor.passwordHash()));
            Appointment stored = store.appointmentsOf(doctor.id()).getFirst();
            assertEquals("Sofia Rossi", stored.patientName());
            assertEquals(Instant.parse("2026-05-04T09:30:00Z"), stored.scheduledAt());
            assertTrue(stored.paid());
        }
    }
}
