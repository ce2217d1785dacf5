package dev.carecall.backend.outbox;

/** Sends one kind of outbox entry; the worker retries it when this throws. */
@FunctionalInterface
public interface Delivery {

    /**
     * Delivers the entry, or throws.
     *
     * @throws DeliveryFailure when it did not arrive; {@link DeliveryFailure#permanent()} stops retrying
     */
    void deliver(OutboxEntry entry) throws DeliveryFailure;

    /** Why a delivery did not arrive, in words fit for the audit log and the console (no secrets). */
    final class DeliveryFailure extends Exception {
        private final boolean permanent;

        public DeliveryFailure(String message, boolean permanent) {
            super(message);
            this.permanent = permanent;
        }

        public boolean permanent() {
            return permanent;
        }
    }
}
