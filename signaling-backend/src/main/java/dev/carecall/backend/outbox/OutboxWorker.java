package dev.carecall.backend.outbox;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Delivers due outbox entries, one at a time on a thread of its own: a failure is retried after a back-off that
 * doubles ({@link OutboxSettings#backoff}), until the attempts run out. Several backend instances may run workers on
 * one table: each entry is claimed for a while before it is sent.
 */
public final class OutboxWorker implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(OutboxWorker.class.getName());
    /** How long a claim lasts: longer than any one delivery's timeouts. */
    private static final Duration CLAIM = Duration.ofMinutes(2);

    private final Outbox outbox;
    private final OutboxSettings settings;
    private final Clock clock;
    private final Map<OutboxKind, Delivery> deliveries = new EnumMap<>(OutboxKind.class);
    private volatile Consumer<OutboxEntry> onFinished = entry -> { };
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("outbox").factory());

    public OutboxWorker(Outbox outbox, OutboxSettings settings, Clock clock) {
        this.outbox = outbox;
        this.settings = settings;
        this.clock = clock;
    }

    /** Who delivers this kind; set before {@link #start()}. */
    public OutboxWorker deliver(OutboxKind kind, Delivery delivery) {
        deliveries.put(kind, delivery);
        return this;
    }

    /** Hears each entry that was sent or given up (the console's invitation status follows it). */
    public OutboxWorker onFinished(Consumer<OutboxEntry> listener) {
        this.onFinished = listener;
        return this;
    }

    public void start() {
        long every = settings.pollInterval().toMillis();
        thread.scheduleWithFixedDelay(this::runOnce, every, every, TimeUnit.MILLISECONDS);
    }

    private void runOnce() {
        // The thread boundary: whatever fails here is logged and the next round tries again.
        try {
            List<OutboxEntry> due = outbox.due(clock.instant());
            for (OutboxEntry entry : due) {
                if (thread.isShutdown()) {
                    return;
                }
                Instant now = clock.instant();
                if (outbox.claim(entry.id(), now, now.plus(CLAIM))) {
                    attempt(entry);
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "outbox round failed; trying again", e);
        }
    }

    private void attempt(OutboxEntry entry) {
        Delivery delivery = deliveries.get(entry.kind());
        int failures = entry.attempts() + 1;
        try {
            if (delivery == null) {
                throw new Delivery.DeliveryFailure("nothing delivers " + entry.kind().wireName()
                        + " on this server", false);
            }
            delivery.deliver(entry);
            outbox.sent(entry.id(), clock.instant());
            finished(entry);
            LOG.log(Level.INFO, "outbox " + entry.id() + " " + entry.kind().wireName() + " delivered after "
                    + failures + " attempt(s)");
        } catch (Delivery.DeliveryFailure e) {
            if (e.permanent() || failures >= settings.maxAttempts()) {
                outbox.failed(entry.id(), clock.instant(), e.getMessage());
                finished(entry);
                LOG.log(Level.WARNING, "outbox " + entry.id() + " " + entry.kind().wireName() + " given up after "
                        + failures + " attempt(s): " + e.getMessage());
            } else {
                Duration wait = settings.backoff(failures);
                outbox.retry(entry.id(), clock.instant().plus(wait), e.getMessage());
                LOG.log(Level.INFO, "outbox " + entry.id() + " " + entry.kind().wireName() + " failed ("
                        + e.getMessage() + "), retry in " + wait);
            }
        } catch (RuntimeException e) {
            // A bug of ours in a delivery: retry like any failure, so the entry is not lost.
            outbox.retry(entry.id(), clock.instant().plus(settings.backoff(failures)), "internal error");
            LOG.log(Level.ERROR, "outbox " + entry.id() + " delivery failed", e);
        }
    }

    private void finished(OutboxEntry entry) {
        try {
            onFinished.accept(entry);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "outbox listener failed for " + entry.id(), e);
        }
    }

    /** Stops after the delivery under way; what is left stays in the table for the next start. */
    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                thread.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            thread.shutdownNow();
        }
    }
}
