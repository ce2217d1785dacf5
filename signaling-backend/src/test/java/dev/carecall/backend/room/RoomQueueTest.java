package dev.carecall.backend.room;

import dev.carecall.backend.CareCallException;
import dev.carecall.backend.observe.CallMetrics;
import dev.carecall.backend.observe.Meters;
import dev.carecall.protocol.ErrorCode;
import io.helidon.metrics.api.Timer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RoomQueueTest {
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final CallMetrics metrics = CallMetrics.register(Meters.registry());
    private final RoomQueue queue = new RoomQueue(executor, metrics);

    @AfterEach
    void stop() {
        executor.shutdownNow();
        metrics.close();
    }

    @Test
    void tasksRunOneAtATimeInSubmissionOrder() throws InterruptedException {
        List<Integer> order = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxRunning = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(200);
        for (int i = 0; i < 200; i++) {
            int n = i;
            queue.submit(() -> {
                maxRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
                order.add(n);
                running.decrementAndGet();
                done.countDown();
            });
        }
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(IntStream.range(0, 200).boxed().toList(), order);
        assertEquals(1, maxRunning.get());
    }

    @Test
    void callReturnsTheResultAndRethrowsTheTasksException() {
        assertEquals("done", queue.call(() -> "done"));
        CareCallException thrown = new CareCallException(ErrorCode.NO_ACTIVE_CALL, "no call");
        assertSame(thrown, assertThrows(CareCallException.class, () -> queue.call(() -> {
            throw thrown;
        })));
        assertEquals(2, queue.call(() -> 2), "a failed task does not stop the queue");
    }

    @Test
    void everyTasksWaitInTheQueueIsMeasured() {
        Timer wait = Meters.registry().timer("carecall.room.queue.wait", List.of()).orElseThrow();
        long before = wait.count();
        queue.call(() -> 1);
        queue.call(() -> 2);
        queue.call(() -> 3);
        assertEquals(before + 3, wait.count());
    }

    @Test
    void aRequestWhoseCallerGaveUpIsDroppedNotRunLate() throws InterruptedException {
        // The stray 'waiting' session: a start-call queued behind a stuck task ran after its caller left.
        RoomQueue impatient = new RoomQueue(executor, metrics, Duration.ofMillis(200));
        CountDownLatch stuck = new CountDownLatch(1);
        impatient.submit(() -> {
            try {
                stuck.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        AtomicBoolean ran = new AtomicBoolean();
        CareCallException timedOut = assertThrows(CareCallException.class,
                () -> impatient.call(() -> ran.getAndSet(true)));
        assertEquals(ErrorCode.INTERNAL_ERROR, timedOut.code());
        stuck.countDown();
        assertEquals("after", impatient.call(() -> "after"), "the queue goes on");
        assertFalse(ran.get(), "the abandoned request never ran");
    }

    @Test
    void aRequestOfASocketThatClosedMeanwhileIsDropped() {
        AtomicBoolean ran = new AtomicBoolean();
        assertThrows(CareCallException.class, () -> queue.call(() -> ran.getAndSet(true), () -> false));
        assertFalse(ran.get());
    }
}
