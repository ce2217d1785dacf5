package dev.carecall.backend.observe;

import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every log line written for one HTTP request or one socket message carries: a request id and, when the
 * request concerns one, the appointment id. Bound for the time the request or message is handled
 * ({@link #run(Runnable)}); room tasks take the context of whoever queued them ({@link #carried(Runnable)}).
 *
 * @param requestId     a short random id of the request or message
 * @param appointmentId the appointment it concerns, or null
 */
public record LogContext(String requestId, Long appointmentId) {
    private static final ScopedValue<LogContext> CURRENT = ScopedValue.newInstance();
    /** The paths that name an appointment: the REST resources, the join page and the room socket. */
    private static final Pattern APPOINTMENT_PATH =
            Pattern.compile("^/(?:api/appointments|join|ws/appointments)/(\\d{1,18})(?:/.*)?$");

    /** A context with a fresh request id, for the appointment named by this request path (if it names one). */
    public static LogContext forPath(String path) {
        return new LogContext(newRequestId(), appointmentIn(path));
    }

    /** The context of the request or message being handled on this thread, if any. */
    public static Optional<LogContext> current() {
        return CURRENT.isBound() ? Optional.of(CURRENT.get()) : Optional.empty();
    }

    /** 16 hex digits: unique enough to find one request among a clinic's logs, short enough to read out. */
    public static String newRequestId() {
        return HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    }

    /** The appointment id a request path names, or null. */
    public static Long appointmentIn(String path) {
        Matcher m = APPOINTMENT_PATH.matcher(path);
        return m.matches() ? Long.valueOf(m.group(1)) : null;
    }

    /** Runs the work with this context bound. */
    public void run(Runnable work) {
        ScopedValue.where(CURRENT, this).run(work);
    }

    /** The same context with another request id (a proxy's, for instance). */
    public LogContext withRequestId(String id) {
        return new LogContext(id, appointmentId);
    }

    /** The task, run later on another thread with the context of the caller of this method. */
    public static Runnable carried(Runnable task) {
        if (!CURRENT.isBound()) {
            return task;
        }
        LogContext context = CURRENT.get();
        return () -> context.run(task);
    }
}
