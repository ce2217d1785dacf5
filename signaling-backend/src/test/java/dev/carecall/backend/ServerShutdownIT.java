package dev.carecall.backend;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
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
    void closingTwiceIsQuietAndHarmless() throws Exception {
        List<LogRecord> complaints = new ArrayList<>();
        Handler collect = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue() || record.getThrown() != null) {
                    synchronized (complaints) {
                        complaints.add(record);
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
            CareCallServer server = CareCallServer.startForTests();
            // Use the pool, so closing has open connections to deal with.
            server.doctorToken("demo-doctor");
            server.close();
            assertDoesNotThrow(server::close);
        } finally {
            root.removeHandler(collect);
        }
        synchronized (complaints) {
            assertEquals(List.of(), complaints.stream()
                    .map(r -> r.getLevel() + " " + r.getLoggerName() + ": " + r.getMessage()
                            + (r.getThrown() == null ? "" : " / " + r.getThrown()))
                    .toList());
        }
    }
}
