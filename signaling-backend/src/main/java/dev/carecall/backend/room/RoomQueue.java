package dev.carecall.backend.room;

import dev.carecall.backend.CareCallException;
import dev.carecall.backend.observe.CallMetrics;
import dev.carecall.backend.observe.LogContext;
import dev.carecall.protocol.ErrorCode;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Runs one room's tasks one after another, in submission order, on a shared executor: the room behaves like an
 * actor. Queueing takes no lock. Callers that need the result (REST handlers, a socket's message) wait for it on
 * their own virtual thread, for at most the task timeout; a task whose caller gave up by its turn (timed out, or its
 * socket closed) is dropped instead of run late, so a request nobody waits for any more changes nothing.
 */
final class RoomQueue {
    /** How long a caller waits for its task by default. */
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final System.Logger LOG = System.getLogger(RoomQueue.class.getName());

    private final Executor executor;
    private final CallMetrics metrics;
    private final Duration timeout;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean();

    RoomQueue(Executor executor, CallMetrics metrics) {
        this(executor, metrics, DEFAULT_TIMEOUT);
    }

    RoomQueue(Executor executor, CallMetrics metrics, Duration timeout) {
        this.executor = executor;
        this.metrics = metrics;
        this.timeout = timeout;
    }

    /** Runs the task in turn and waits for its result; its exception is rethrown here. */
    <T> T call(Callable<T> task) {
        return call(task, () -> true);
    }

    /**
     * Runs the task in turn, unless by then {@code stillWanted} says no or the caller stopped waiting, and waits for
     * its result for at most the task timeout; its exception is rethrown here.
     */
    <T> T call(Callable<T> task, BooleanSupplier stillWanted) {
        CompletableFuture<T> result = new CompletableFuture<>();
        // Whoever takes it first decides: the task (it runs) or the caller that gave up (it never runs).
        AtomicBoolean taken = new AtomicBoolean();
        submit(() -> {
            if (!taken.compareAndSet(false, true)) {
                metrics.roomTaskDropped();
                return;
            }
            if (!stillWanted.getAsBoolean()) {
                metrics.roomTaskDropped();
                result.completeExceptionally(new CareCallException(ErrorCode.INTERNAL_ERROR,
                        "The connection closed before the server got to this request."));
                return;
            }
            try {
                result.complete(task.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            if (taken.compareAndSet(false, true)) {
                LOG.log(Level.WARNING, "a room task waited more than " + timeout.toMillis() + " ms; dropped");
                throw new CareCallException(ErrorCode.INTERNAL_ERROR,
                        "The server took too long to answer. Please try again.");
            }
            // It began just now: its change happens, so the caller must learn its outcome.
            return awaitRunning(result);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            taken.set(true);
            throw new IllegalStateException("interrupted while waiting for the room", e);
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    /** Runs the task in turn without waiting; a failure is logged. */
    void submit(Runnable task) {
        tasks.add(LogContext.carried(metrics.timedInQueue(task)));
        if (running.compareAndSet(false, true)) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        while (true) {
            Runnable next = tasks.poll();
            if (next == null) {
                running.set(false);
                // A task queued between the poll and the reset found the queue running: take it on.
                if (tasks.isEmpty() || !running.compareAndSet(false, true)) {
                    return;
                }
                continue;
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "room task failed", e);
            }
        }
    }

    private static <T> T awaitRunning(CompletableFuture<T> result) {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the room", e);
        } catch (ExecutionException e) {
            throw unwrap(e);
        }
    }

    private static RuntimeException unwrap(ExecutionException e) {
        if (e.getCause() instanceof RuntimeException re) {
            return re;
        }
        return new IllegalStateException(e.getCause());
    }
}
