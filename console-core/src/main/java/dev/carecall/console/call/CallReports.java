package dev.carecall.console.call;

import dev.carecall.console.signaling.SignalingState;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The call's phase and everything the engine tells its {@link CallListener}s, in one place. Confined to the call's
 * executor, except {@link #add}.
 */
final class CallReports {
    private final List<CallListener> listeners = new CopyOnWriteArrayList<>();
    private CallPhase phase = CallPhase.CONNECTING;

    void add(CallListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    CallPhase phase() {
        return phase;
    }

    /** Moves to {@code next} and tells the listeners, unless the call is there already. */
    void phase(CallPhase next) {
        if (phase != next) {
            phase = next;
            tell(l -> l.phaseChanged(next));
        }
    }

    void problem(CallProblem problem) {
        tell(l -> l.problem(problem));
    }

    void signaling(SignalingState state) {
        tell(l -> l.signalingStateChanged(state));
    }

    void localScreenShare(boolean active) {
        tell(l -> l.localScreenShareChanged(active));
    }

    /** Anything else the other party did (media state, screen share, presence, chat). */
    void tell(Consumer<CallListener> report) {
        listeners.forEach(report);
    }
}
