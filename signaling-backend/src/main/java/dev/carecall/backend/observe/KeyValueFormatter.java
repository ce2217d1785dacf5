package dev.carecall.backend.observe;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * One log record, one line of {@code key=value} pairs (logfmt), for people and log collectors alike:
 * <pre>
 * time=2026-05-04T09:30:00.123Z level=INFO logger=dev.carecall.backend.X request_id=5f0c... appointment_id=42 msg="..."
 * </pre>
 * {@code request_id} and {@code appointment_id} come from the {@link LogContext} of the request or socket message
 * being handled. A stack trace stays on the line, its line breaks escaped. The access log's message is a list of
 * pairs already ({@link AccessLog}) and is written as it is.
 *
 * <p>What goes into a message is up to the code that logs: ids, never names, tokens, passwords or join links.
 *
 * <p>Why not Helidon's {@code HelidonJsonFormatter}: it reads ids from a thread-local MDC, which would have to be set
 * and cleared around every request and copied into room tasks by hand, and it would put the access log's fields
 * into one string. One logfmt line reads well in {@code journalctl} and parses in any log collector.
 */
public final class KeyValueFormatter extends Formatter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(256);
        line.append("time=").append(TIME.format(record.getInstant()));
        pair(line, "level", record.getLevel().getName());
        pair(line, "logger", record.getLoggerName());
        LogContext.current().ifPresent(context -> {
            pair(line, "request_id", context.requestId());
            if (context.appointmentId() != null) {
                pair(line, "appointment_id", context.appointmentId().toString());
            }
        });
        String message = formatMessage(record);
        if (AccessLog.isAccessLog(record.getLoggerName())) {
            line.append(' ').append(message);
        } else {
            pair(line, "msg", message);
        }
        Throwable thrown = record.getThrown();
        if (thrown != null) {
            pair(line, "error", thrown.toString());
            StringWriter trace = new StringWriter();
            thrown.printStackTrace(new PrintWriter(trace));
            pair(line, "stack", trace.toString().strip());
        }
        return line.append(System.lineSeparator()).toString();
    }

    private static void pair(StringBuilder line, String key, String value) {
        line.append(' ').append(key).append('=');
        String text = value == null ? "" : value;
        if (!needsQuotes(text)) {
            line.append(text);
            return;
        }
        line.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> line.append("\\\"");
                case '\\' -> line.append("\\\\");
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (c < 0x20) {
                        line.append(String.format("\\u%04x", (int) c));
                    } else {
                        line.append(c);
                    }
                }
            }
        }
        line.append('"');
    }

    private static boolean needsQuotes(String text) {
        if (text.isEmpty()) {
            return true;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= ' ' || c == '"' || c == '=' || c == '\\') {
                return true;
            }
        }
        return false;
    }
}
