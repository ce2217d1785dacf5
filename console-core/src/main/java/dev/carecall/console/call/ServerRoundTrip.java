package dev.carecall.console.call;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * This side's round trip to the server from its own {@code ping}s: the worst of the last ten seconds, a ping still
 * unanswered counting with its age. A lossy or slow network of one's own shows here (TCP resends what it lost after
 * a fifth of a second or more); the other side's does not. Confined to the call's executor.
 */
final class ServerRoundTrip {
    static final long WINDOW_NANOS = 10_000_000_000L;
    private static final String PREFIX = "quality-";

    private record Sample(long atNanos, long nanos) {
    }

    private final Map<String, Long> pending = new LinkedHashMap<>();
    private final Deque<Sample> samples = new ArrayDeque<>();
    private long sequence;

    /** The request id of a ping sent now. */
    String next(long nowNanos) {
        String id = PREFIX + ++sequence;
        pending.put(id, nowNanos);
        return id;
    }

    /** A pong arrived; true when it answered one of these pings. */
    boolean answered(String requestId, long nowNanos) {
        Long sent = requestId == null ? null : pending.remove(requestId);
        if (sent == null) {
            return false;
        }
        samples.addLast(new Sample(nowNanos, nowNanos - sent));
        return true;
    }

    /** The worst round trip of the window in milliseconds, or null when nothing was measured in it. */
    Integer worst(long nowNanos) {
        long from = nowNanos - WINDOW_NANOS;
        samples.removeIf(s -> s.atNanos() < from);
        long worst = -1;
        for (Sample s : samples) {
            worst = Math.max(worst, s.nanos());
        }
        for (Iterator<Long> it = pending.values().iterator(); it.hasNext(); ) {
            long sent = it.next();
            if (sent < from) {
                it.remove(); // unanswered for the whole window: gone with a dropped socket
            } else if (nowNanos - sent >= QualityJudge.SLOW_SERVER_MS * 1_000_000L) {
                worst = Math.max(worst, nowNanos - sent);
            }
        }
        return worst < 0 ? null : (int) (worst / 1_000_000);
    }
}
