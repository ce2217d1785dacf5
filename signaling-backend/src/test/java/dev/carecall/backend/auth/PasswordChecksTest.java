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
        List<Thread> flood = new ArrayList<>();
        try {
            for (int i = 0; i < PasswordChecks.THREADS + PasswordChecks.WAITING; i++) {
                flood.add(Thread.ofVirtual().start(() -> PasswordChecks.run(() -> {
                    try {
                        return release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                })));
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
}
