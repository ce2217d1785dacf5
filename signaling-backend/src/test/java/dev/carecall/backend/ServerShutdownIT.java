package dev.carecall.backend;

import dev.carecall.backend.storage.Database;
import dev.carecall.backend.storage.DatabaseSettings;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Stopping the server is part of every test run and every service restart: it must be quiet (no warnings or stack
 * traces in the log on a normal shutdown) and safe to ask for twice (try-with-resources plus an explicit close).
 */
class ServerShutdownIT {

    @Test
    void closingTwiceIsQuietAndHarmless() {
        List<String> complaints = complaintsWhile(() -> {
            CareCallServer server = CareCallServer.startForTests();
            // Use the pool, so closing has open connections to deal with.
            server.doctorToken("demo-doctor");
            server.close();
            assertDoesNotThrow(server::close);
        });
        assertEquals(List.of(), complaints);
    }

    @Test
    void inMemoryDatabaseThatEndsWithItsPoolClosesQuietly() {
        // Without DB_CLOSE_DELAY=-1 the database is gone once the pool's last connection closes: nothing to shut down.
        List<String> complaints = complaintsWhile(() -> {
            Database database = Database.open(new DatabaseSettings("jdbc:h2:mem:shutdown-" + UUID.randomUUID(), "sa",
                    ""));
            database.close();
            assertDoesNotThrow(database::close);
        });
        assertEquals(List.of(), complaints);
    }

    /** The warnings and stack traces logged while {@code action} runs. */
    private static List<String> complaintsWhile(Runnable action) {
        List<String> complaints = new ArrayList<>();
        Handler collect = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue() || record.getThrown() != null) {
                    synchronized (complaints) {
                        complaints.add(record.getLevel() + " " + record.getLoggerName() + ": " + record.getMessage()
                                + (record.getThrown() == null ? "" : " / " + record.getThrown()));
                    }
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(collect);
        try {
            action.run();
        } finally {
            root.removeHandler(collect);
        }
        synchronized (complaints) {
            return List.copyOf(complaints);
        }
    }
}
