package dev.carecall.backend.room;

import dev.carecall.backend.observe.CallMetrics;
import dev.carecall.backend.observe.LogContext;

import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;

/**
 * Runs one room's tasks one after another, in submission order, on a shared executor: the room behaves like an
 * actor. Callers that need the result (REST handlers, a socket's message) wait for it on their own virtual thread.
 */
final class RoomQueue {
    private static final System.Logger LOG = System.getLogger(RoomQueue.class.getName());

    private final Executor executor;
    private final CallMetrics metrics;
    private final Queue<Runnable> tasks = new ArrayDeque<>();
    private boolean running;

    RoomQueue(Executor executor, CallMetrics metrics) {
        this.executor = executor;
        this.metrics = metrics;
    }

    /** Runs the task in turn and waits for its result; its exception is rethrown here. */
    <T> T call(Callable<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        submit(() -> {
            try {
                result.complete(task.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the room", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Runs the task in turn without waiting; a failure is logged. */
    void submit(Runnable task) {
        synchronized (tasks) {
            tasks.add(LogContext.carried(metrics.timedInQueue(task)));
            if (running) {
                return;
            }
            running = true;
        }
        executor.execute(this::drain);
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (tasks) {
                next = tasks.poll();
                if (next == null) {
                    running = false;
                    return;
                }
            }
            try {
                next.run();
            } catch (RuntimeException e) {
                LOG.log(Level.ERROR, "room task failed", e);
            }
        }
    }
}
