package dev.carecall.backend.room;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;

/**
 * Stopping this instance without stopping its calls: once it is {@linkplain #stopping() stopping}, sockets that close
 * are not people leaving, a socket that registers is sent on at once, and {@link #drain()} closes every registered
 * socket with {@link Calls#CLOSE_DRAINING}. The clients reconnect (through the load balancer, to an instance that
 * runs) and carry on; their calls, peer to peer, never stop.
 */
final class Drain {
    private static final System.Logger LOG = System.getLogger(Drain.class.getName());
    /** How long a stopping instance waits for its sockets' close frames to go out. */
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final SignedInSockets signedIn;
    /** The server is shutting down: sockets closing now are not people leaving. */
    private volatile boolean stopping;

    Drain(SignedInSockets signedIn) {
        this.signedIn = signedIn;
    }

    /** From now on this instance is stopping. */
    void stopping() {
        stopping = true;
    }

    /** Whether this instance is stopping. */
    boolean draining() {
        return stopping;
    }

    /**
     * A socket that registers while this instance drains is closed with {@link Calls#CLOSE_DRAINING} at once, as the
     * sockets before it were: a client reconnecting through a round-robin load balancer may land here again and
     * must be sent on, not seated in a room that is about to go away. Returns whether it was.
     */
    boolean refused(Participant participant) {
        if (!stopping) {
            return false;
        }
        participant.close(Calls.CLOSE_DRAINING, "server restarting: reconnect");
        return true;
    }

    /**
     * Closes every registered socket, room and lobby, with {@link Calls#CLOSE_DRAINING} and waits (at most
     * {@link #TIMEOUT}) until the close frames went out. Calls {@link #stopping()} first, so the closing sockets do
     * not leave their calls. Returns how many sockets there were.
     */
    int drain() {
        stopping();
        List<Participant> closing = signedIn.closeAll(Calls.CLOSE_DRAINING, "server restarting: reconnect");
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && !closing.stream().allMatch(Participant::done)) {
            try {
                Thread.sleep(20); // bounded, at shutdown only: the writers' threads signal nothing when done
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (!closing.isEmpty()) {
            LOG.log(Level.INFO, "drained " + closing.size() + " socket(s) with close code " + Calls.CLOSE_DRAINING);
        }
        return closing.size();
    }
}
