package dev.carecall.backend.auth;

import dev.carecall.backend.CareCallException;
import dev.carecall.protocol.ErrorCode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PasswordChecksTest {
    @Test
    void bcryptRunsOnAPlatformThreadWhileTheVirtualCallerOnlyWaits() throws Exception {
        String hash = Passwords.hash("correct horse battery");
        AtomicBoolean ranOnVirtual = new AtomicBoolean(true);
        AtomicBoolean verified = new AtomicBoolean();
        Thread caller = Thread.ofVirtual().start(() -> verified.set(PasswordChecks.run(() -> {
            ranOnVirtual.set(Thread.currentThread().isVirtual());
            return Passwords.matches("correct horse battery", hash);
        })));
        assertTrue(caller.join(Duration.ofSeconds(10)), "the check finished");
        assertTrue(verified.get());
        assertFalse(ranOnVirtual.get(), "bcrypt never holds a carrier thread of the virtual threads");
    }

    @Test
    void checksBeyondTheWaitingOnesAreRefusedAsRateLimitedAndServedAgainAfterwards() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(PasswordChecks.THREADS);
        List<Thread> flood = new ArrayList<>();
        try {
            // Every bcrypt thread busy first, then every waiting place taken.
            for (int i = 0; i < PasswordChecks.THREADS; i++) {
                flood.add(hold(running, release));
            }
            assertTrue(running.await(10, TimeUnit.SECONDS), "the bcrypt threads took their checks");
            for (int i = 0; i < PasswordChecks.WAITING; i++) {
                flood.add(hold(running, release));
            }
            await().atMost(Duration.ofSeconds(10)).until(PasswordChecks::waiting, n -> n == PasswordChecks.WAITING);
            CareCallException refused = assertThrows(CareCallException.class, () -> PasswordChecks.run(() -> true));
            assertEquals(ErrorCode.RATE_LIMITED, refused.code());
        } finally {
            release.countDown();
            for (Thread t : flood) {
                t.join(Duration.ofSeconds(10));
            }
        }
        assertTrue(PasswordChecks.run(() -> true), "served again once the flood is checked");
    }

    /** A sign-in whose check holds its bcrypt thread until released. */
    private static Thread hold(CountDownLatch running, CountDownLatch release) {
        return Thread.ofVirtual().start(() -> PasswordChecks.run(() -> {
            running.countDown();
            try {
                return release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }));
    }
}
