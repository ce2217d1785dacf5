package dev.carecall.e2e.topology;

/** The polling interval of the harness's condition waits (never synchronisation by itself). */
final class Pause {
    private Pause() {
    }

    static void briefly() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting", e);
        }
    }
}
