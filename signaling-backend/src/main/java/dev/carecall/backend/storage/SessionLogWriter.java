package dev.carecall.backend.storage;

import dev.carecall.protocol.rest.CallEventView;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Stores the signaling logs of running calls as they grow, so that after a crash the history holds everything up to
 * it, without a database write per relayed signal on a room's queue. Rooms hand over the newest log of a session;
 * one thread of its own writes what changed every {@link #EVERY}. Only the newest log of each session waits, so the
 * backlog is bounded by the number of running calls, and a database that stalls delays logs, never a call.
 *
 * <p>Each write stores a session's whole log (up to 500 entries), so hundreds of calls signalling at once would have
 * this thread and PostgreSQL rewrite megabytes a second and take the cores the relay needs. The writer therefore
 * rests {@link #REST_FACTOR} times as long as its last batch took before the next (never less than {@link #EVERY}):
 * it works at most a fifth of the time, and under such load a log is stored every few seconds instead of five times
 * a second, each write carrying everything that waited. The call's transitions are stored at once, without it.
 */
public final class SessionLogWriter implements AutoCloseable {
    /** How often changed logs are written while the writer keeps up: what a crash may lose then. */
    public static final Duration EVERY = Duration.ofMillis(200);
    /** After a batch the writer rests this many times as long as the batch took (at least {@link #EVERY}). */
    static final int REST_FACTOR = 4;

    private static final System.Logger LOG = System.getLogger(SessionLogWriter.class.getName());

    private final CareCallStore store;
    private final Map<Long, List<CallEventView>> pending = new ConcurrentHashMap<>();
    private final Queue<Runnable> beforeBatch = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("session-log-writer").factory());

    public SessionLogWriter(CareCallStore store) {
        this.store = store;
        thread.schedule(this::batchAndReschedule, EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Runs {@code ask} on the writer's thread before its next batch. Relayed signals reach a room's log without a
     * queue task; a room uses this to ask for one task per batch that takes them in and hands over the log. The
     * task must not block (it only queues work).
     */
    public void beforeNextBatch(Runnable ask) {
        beforeBatch.add(ask);
    }

    private void batchAndReschedule() {
        long started = System.nanoTime();
        try {
            batch();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "storing signaling logs failed: " + e);
        }
        long rest = Math.max(EVERY.toNanos(), REST_FACTOR * (System.nanoTime() - started));
        try {
            thread.schedule(this::batchAndReschedule, rest, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // closing: close() writes what is left
        }
    }

    private void batch() {
        for (Runnable ask = beforeBatch.poll(); ask != null; ask = beforeBatch.poll()) {
            try {
                ask.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a room could not hand over its signaling log: " + e);
            }
        }
        flush();
    }

    /** The session's log is now this (an unchanging copy); written with the next batch. */
    public void changed(long sessionId, List<CallEventView> log) {
        pending.put(sessionId, log);
    }

    /** Writes every waiting log now; the writer's own thread calls it on its schedule. */
    void flush() {
        for (Long session : pending.keySet()) {
            List<CallEventView> log = pending.remove(session);
            if (log == null) {
                continue;
            }
            try {
                store.updateLog(session, log);
            } catch (RuntimeException e) {
                // Kept for the next round unless a newer log came meanwhile; the database may be back by then.
                pending.putIfAbsent(session, log);
                LOG.log(Level.WARNING, "cannot store the signaling log of session " + session + " yet: " + e);
                return;
            }
        }
    }

    /** Writes what is left, then stops. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "signaling logs not stored at shutdown: " + e);
        }
    }
}
