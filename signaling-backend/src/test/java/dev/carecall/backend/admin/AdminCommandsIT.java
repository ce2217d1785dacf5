package dev.carecall.backend.admin;

import dev.carecall.backend.BackendSettings;
import dev.carecall.backend.CareCallException;
import dev.carecall.backend.CareCallServer;
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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin commands against a file database, as an operator would run them. */
class AdminCommandsIT {
    @TempDir
    Path dir;

    @Test
    void anOperatorAddsADoctorAndAnAppointmentAndGetsTheJoinLink() {
        DatabaseSettings db = new DatabaseSettings("jdbc:h2:file:" + dir.resolve("carecall"), "sa", "");
        AdminCommands admin = new AdminCommands(BackendSettings.forTests().with(db), Clock.systemUTC());

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

    @Test
    void anOperatorAddsListsAndRevokesAServiceKeyWhichIsStoredOnlyAsAHash() throws Exception {
        DatabaseSettings db = new DatabaseSettings("jdbc:h2:file:" + dir.resolve("carecall"), "sa", "");
        BackendSettings settings = BackendSettings.forTests().with(db);
        AdminCommands admin = new AdminCommands(settings, Clock.systemUTC());

        String added = admin.run(new String[]{"--add-service-key", "--name=booking",
                "--scopes=appointments:write,payments:write", "--webhook-url=https://clinic.example/hooks"}, null);
        String key = added.lines().filter(l -> l.startsWith("cck_")).findFirst().orElseThrow();
        String secret = added.lines().filter(l -> l.startsWith("whsec_")).findFirst().orElseThrow();
        assertThrows(CareCallException.class, () -> admin.run(new String[]{"--add-service-key", "--name=booking",
                "--scopes=appointments:write"}, null), "the name is taken");
        assertThrows(CareCallException.class, () -> admin.run(new String[]{"--add-service-key", "--name=other",
                "--scopes=appointments:delete"}, null), "no such scope");
        String listed = admin.run(new String[]{"--list-service-keys"}, null);
        assertTrue(listed.contains("booking") && listed.contains("appointments:write,payments:write"), listed);
        assertFalse(listed.contains(key) || listed.contains(secret), "the list never shows a key or secret");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(db.url(), "sa", "");
             var rows = c.createStatement().executeQuery("SELECT key_hash FROM service_keys")) {
            assertTrue(rows.next());
            assertFalse(rows.getString(1).contains(key), "only the hash is stored");
        }

        try (CareCallServer server = CareCallServer.start(settings)) {
            assertEquals(404, getAppointment(server, key), "the key works: an unknown appointment is a 404");
            assertTrue(admin.run(new String[]{"--revoke-service-key", "--name=booking"}, null).contains("Revoked"));
            assertEquals(401, getAppointment(server, key), "revoked: refused with its next request");
        }
        assertThrows(CareCallException.class, () -> admin.run(new String[]{"--revoke-service-key", "--name=booking"},
                null), "revoked already");
    }

    private static int getAppointment(CareCallServer server, String key) throws Exception {
        return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        server.baseUri().resolve("/api/integration/v1/appointments/none"))
                .header("Authorization", "Bearer " + key).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode();
    }
}
