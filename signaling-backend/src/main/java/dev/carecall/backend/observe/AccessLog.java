package dev.carecall.backend.observe;

import io.helidon.common.uri.UriQuery;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.accesslog.AccessLogContext;
import io.helidon.webserver.accesslog.AccessLogFeature;

import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One line per HTTP request (and WebSocket upgrade) through Helidon's access log, as {@code key=value} pairs:
 * <pre>
 * remote=203.0.113.7 method=GET path=/join/42?token=* status=200 bytes=5120 duration_ms=3
 * </pre>
 * The {@link KeyValueFormatter} puts the time, request id and appointment id in front. Query values are never
 * written, only their names: a join link's query is the patient's token.
 */
public final class AccessLog {
    /** Helidon logs the access log of each listener socket to this logger name plus {@code .socket-name}. */
    private static final String LOGGER = AccessLogFeature.DEFAULT_LOGGER_NAME;
    /** Anything but visible ASCII is dropped from what the client sent, so no line can be forged or split. */
    private static final Pattern UNPRINTABLE = Pattern.compile("[^\\x21-\\x7e]");

    private AccessLog() {
    }

    /** The access log feature for every listener socket of the server. */
    public static AccessLogFeature feature() {
        return AccessLogFeature.builder()
                .addEntry(context -> "remote=" + orDash(context.serverRequest().remotePeer().host()))
                .addEntry(context -> "method=" + printable(context.serverRequest().prologue().method().text()))
                .addEntry(context -> "path=" + maskedTarget(context.serverRequest().prologue()))
                .addEntry(context -> "status=" + context.serverResponse().status().code())
                .addEntry(context -> "bytes=" + context.serverResponse().bytesWritten())
                .addEntry(AccessLog::durationMillis)
                .build();
    }

    /** Whether records of this logger are access log lines. */
    static boolean isAccessLog(String loggerName) {
        return loggerName != null && loggerName.startsWith(LOGGER);
    }

    /** The path as sent, then each query parameter's name with its value replaced by {@code *}. */
    static String maskedTarget(HttpPrologue prologue) {
        String path = printable(prologue.uriPath().rawPath());
        UriQuery query = prologue.query();
        if (query.isEmpty()) {
            return path;
        }
        return path + "?" + query.names().stream().map(name -> printable(name) + "=*")
                .collect(Collectors.joining("&"));
    }

    private static String durationMillis(AccessLogContext context) {
        long nanos = context.responseNanoTime() - context.requestNanoTime();
        return "duration_ms=" + TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private static String printable(String text) {
        String clean = UNPRINTABLE.matcher(text).replaceAll("");
        return clean.isEmpty() ? "-" : clean;
    }

    private static String orDash(String text) {
        return text == null ? "-" : printable(text);
    }
}
