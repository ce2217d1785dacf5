package dev.carecall.backend.observe;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class KeyValueFormatterTest {
    private final KeyValueFormatter formatter = new KeyValueFormatter();

    @Test
    void aLineHasTimeLevelLoggerAndTheMessageQuotedWhenItMustBe() {
        assertEquals("time=2026-05-04T09:30:00.000Z level=INFO logger=dev.carecall.X msg=ready\n",
                formatter.format(record("dev.carecall.X", "ready", null)).replace(System.lineSeparator(), "\n"));
        assertEquals("time=2026-05-04T09:30:00.000Z level=WARNING logger=dev.carecall.X "
                        + "msg=\"two\\nlines with \\\"quotes\\\" and a=sign\"\n",
                formatter.format(record(Level.WARNING, "dev.carecall.X", "two\nlines with \"quotes\" and a=sign",
                        null)).replace(System.lineSeparator(), "\n"));
    }

    @Test
    void theContextOfTheRequestAddsItsIds() {
        AtomicReference<String> line = new AtomicReference<>();
        new LogContext("5f0c7a2e91b3d4c8", 42L).run(() -> line.set(formatter.format(record("x", "hello", null))));
        assertTrue(line.get().contains(" logger=x request_id=5f0c7a2e91b3d4c8 appointment_id=42 msg=hello"),
                line.get());
        new LogContext("abc", null).run(() -> line.set(formatter.format(record("x", "hello", null))));
        assertTrue(line.get().contains(" request_id=abc msg=hello"), line.get());
    }

    @Test
    void aFailureStaysOnOneLine() {
        String line = formatter.format(record("x", "room task failed", new IllegalStateException("broken")));
        assertTrue(line.contains(" error=\"java.lang.IllegalStateException: broken\" stack=\""), line);
        assertTrue(line.contains("\\n\\tat dev.carecall.backend.observe.KeyValueFormatterTest"), line);
        assertEquals(line.length() - System.lineSeparator().length(), line.strip().length(), "one line: " + line);
    }

    @Test
    void accessLogLinesArePairsAlready() {
        String line = formatter.format(record("io.helidon.webserver.AccessLog.@default",
                "remote=127.0.0.1 method=GET path=/join/5?token=* status=200", null));
        assertTrue(line.endsWith(" logger=io.helidon.webserver.AccessLog.@default remote=127.0.0.1 method=GET "
                + "path=/join/5?token=* status=200" + System.lineSeparator()), line);
    }

    @Test
    void onlyPathsThatNameAnAppointmentGiveItsId() {
        assertEquals(42L, LogContext.appointmentIn("/join/42"));
        assertEquals(7L, LogContext.appointmentIn("/api/appointments/7/start-call"));
        assertEquals(9L, LogContext.appointmentIn("/ws/appointments/9"));
        assertNull(LogContext.appointmentIn("/api/appointments"));
        assertNull(LogContext.appointmentIn("/join/abc"));
        assertNull(LogContext.appointmentIn("/patient/join/42"));
    }

    private static LogRecord record(String logger, String message, Throwable thrown) {
        return record(Level.INFO, logger, message, thrown);
    }

    private static LogRecord record(Level level, String logger, String message, Throwable thrown) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName(logger);
        record.setInstant(Instant.parse("2026-05-04T09:30:00Z"));
        record.setThrown(thrown);
        return record;
    }
}
