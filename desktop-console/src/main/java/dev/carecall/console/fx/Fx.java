package dev.carecall.console.fx;

import javafx.application.Platform;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The two thread hops of the console: slow work off the FX thread ({@link #background}) and results back onto it
 * ({@link #later}). Views and view-models use nothing else, so the threading rule lives in one place.
 */
public final class Fx {
    private static final Logger LOG = Logger.getLogger(Fx.class.getName());
    // Virtual threads: REST calls and native disposal block, and there are few of them at a time.
    private static final ExecutorService WORKERS =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("carecall-work-", 0).factory());
    private static final ScheduledExecutorService TICKS = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("carecall-ticks").daemon().factory());

    private Fx() {
    }

    /** Runs on the FX thread: now when already there, else soon. */
    public static void later(Runnable action) {
        if (Platform.isFxApplicationThread()) {
            action.run();
        } else {
            Platform.runLater(action);
        }
    }

    /**
     * Runs {@code action} on the FX thread every {@code period} (first after one period) until the returned handle
     * is run. Not a {@code Timeline}: while any animation runs, JavaFX pulses 60 times a second, and on a PC without
     * a usable GPU every pulse during a call costs CPU; a tick from outside lets the screen pulse only when something
     * changed.
     */
    public static Runnable every(Duration period, Runnable action) {
        ScheduledFuture<?> ticks = TICKS.scheduleAtFixedRate(() -> Platform.runLater(action), period.toNanos(),
                period.toNanos(), TimeUnit.NANOSECONDS);
        return () -> ticks.cancel(false);
    }

    /**
     * Runs {@code work} off the FX thread and hands its result or failure to the FX thread. Failures are logged
     * once here, where they cross the thread boundary.
     */
    public static <T> void background(Supplier<T> work, Consumer<T> onSuccess, Consumer<Throwable> onFailure) {
        WORKERS.execute(() -> {
            try {
                T result = work.get();
                Platform.runLater(() -> onSuccess.accept(result));
            } catch (RuntimeException e) {
                // Expected failures (server down, wrong password) need one line, not a stack trace.
                LOG.log(Level.INFO, "Background work failed: {0}", e.toString());
                LOG.log(Level.FINE, "Background work failed", e);
                Platform.runLater(() -> onFailure.accept(e));
            }
        });
    }

    /** Runs {@code work} off the FX thread when nobody waits for its result (closing sockets, freeing media). */
    public static void background(Runnable work) {
        WORKERS.execute(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "Background work failed", e);
            }
        });
    }
}
