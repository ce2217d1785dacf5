package dev.carecall.bench.timeline;

import dev.carecall.console.call.CallEngine;
import dev.carecall.console.call.CallListener;
import dev.carecall.console.call.CallPhase;
import dev.carecall.console.call.CallProblem;
import dev.carecall.console.call.CallSettings;
import dev.carecall.console.call.WebRtcCallEngine;
import dev.carecall.console.media.MediaSettings;
import dev.carecall.protocol.Role;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * One side of a call as the console runs it: the console's call engine (webrtc-java, synthetic camera, headless
 * audio), with the time it first reached each phase and when its first remote frame arrived, on the benchmark's
 * clock (epoch microseconds).
 */
final class EngineSide implements CallListener, AutoCloseable {
    private final CallEngine engine;
    private final Role role;
    private final Map<CallPhase, Long> phases = new ConcurrentHashMap<>();
    private volatile CallPhase phase = CallPhase.CONNECTING;
    private volatile String lastNotice = "";

    EngineSide(URI webSocketBase, long appointment, String token, Role role) {
        this.role = role;
        engine = WebRtcCallEngine.create(new CallSettings(webSocketBase, appointment, token, role,
                MediaSettings.synthetic()));
        engine.addListener(this);
        engine.connect();
    }

    CallEngine engine() {
        return engine;
    }

    @Override
    public void phaseChanged(CallPhase next) {
        phases.putIfAbsent(next, SignalTap.epochMicros());
        phase = next;
    }

    @Override
    public void problem(CallProblem problem) {
        lastNotice = String.valueOf(problem);
    }

    /** When this side first reached {@code which} (epoch microseconds), or null. */
    Long reached(CallPhase which) {
        return phases.get(which);
    }

    void awaitPhase(CallPhase expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (phase != expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(role.wireName() + " engine never reached " + expected + " (at "
                        + phase + ", last notice " + lastNotice + ")");
            }
            LockSupport.parkNanos(1_000_000); // polling interval of a condition wait
        }
    }

    /**
     * Waits for the first frame of the other side's video and says when it came (epoch microseconds): the frame
     * counter is read every millisecond, so the time is at most that late.
     */
    long awaitFirstFrame(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (engine.remoteVideo().framesReceived() == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(role.wireName() + " engine got no video within " + timeout
                        + " (at " + phase + ", last notice " + lastNotice + ")");
            }
            LockSupport.parkNanos(1_000_000);
        }
        return SignalTap.epochMicros();
    }

    @Override
    public void close() {
        engine.close();
    }
}
