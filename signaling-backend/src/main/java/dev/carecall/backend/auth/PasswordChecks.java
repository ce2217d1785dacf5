package dev.carecall.backend.auth;

import dev.carecall.backend.CareCallException;
import dev.carecall.protocol.ErrorCode;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Runs the bcrypt checks of sign-ins on a few platform threads of their own, never on the request's virtual thread.
 * A check is tens of milliseconds of pure computation that never yields, and virtual threads share one carrier
 * thread per core: a flood of sign-ins checked on them holds every carrier, and the sockets' pings and pongs wait
 * behind it. On a loaded two-core machine the hostile suite's wrong-password flood made the room keep-alive drop both
 * sockets of a healthy call as silent. Platform threads are time-sliced by the operating system beside the carriers,
 * so sockets keep moving while passwords are checked.
 * <p>
 * At most half the cores check at once and a bounded number of checks wait; a sign-in beyond those is refused with
 * {@code RATE_LIMITED} (the server is busy), never queued without end. One pool per process, as the cores it
 * protects are the process's; its threads end when idle.
 */
final class PasswordChecks {
    static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    /** Checks that may wait for a thread: a few seconds of work, which a sign-in can wait out. */
    static final int WAITING = 64;
    private static final ThreadPoolExecutor POOL = pool();

    private PasswordChecks() {
    }

    /** Runs the check on a bcrypt thread and waits for its answer; RATE_LIMITED when too many wait already. */
    static boolean run(BooleanSupplier check) {
        Future<Boolean> answer;
        try {
            answer = POOL.submit(check::getAsBoolean);
        } catch (RejectedExecutionException e) {
            throw new CareCallException(ErrorCode.RATE_LIMITED,
                    "The server is checking many sign-ins at the moment. Try again in a few seconds.");
        }
        try {
            return answer.get();
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new CareCallException(ErrorCode.INTERNAL_ERROR, "interrupted while checking a password", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException("a password check failed", e.getCause());
        }
    }

    /** Checks waiting for a thread now (for tests). */
    static int waiting() {
        return POOL.getQueue().size();
    }

    private static ThreadPoolExecutor pool() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(WAITING), Thread.ofPlatform().daemon().name("bcrypt-", 0).factory(),
                new ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
