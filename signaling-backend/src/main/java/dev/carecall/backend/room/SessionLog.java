package dev.carecall.backend.room;

import dev.carecall.backend.storage.SessionLogWriter;
import dev.carecall.protocol.CallEvent;
import dev.carecall.protocol.Role;
import dev.carecall.protocol.rest.CallEventView;
import dev.carecall.protocol.rest.QualitySample;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The signaling log of a room's current or last session. The room's transitions store it at once; every other
 * entry goes to the database in batches ({@link SessionLogWriter}). Signals relayed from their senders' threads are
 * noted without lock or queue task ({@link #noteRelayed}) and taken in by the next task that touches the log.
 * Touched only on the room's queue, apart from {@link #noteRelayed}.
 */
final class SessionLog {
    /** Signaling events kept per session; a call that renegotiates endlessly must not grow the row without end. */
    static final int MAX_EVENTS = 500;

    private final SessionLogWriter writer;
    private List<CallEventView> events;
    /**
     * {@code events.size()} for the senders' threads: once the log is full, a relayed signal costs no allocation at
     * all (before, each one still queued an entry that the next take-in could only drop).
     */
    private volatile int size;
    /** Signals relayed from their senders' threads and not yet in {@link #events}: appended without lock or task. */
    private final Queue<Relayed> relayed = new ConcurrentLinkedQueue<>();
    private final AtomicInteger relayedWaiting = new AtomicInteger();
    /** A task that takes the relayed entries in (and hands the log to the writer) is asked for already. */
    private final AtomicBoolean takeInAsked = new AtomicBoolean();

    private record Relayed(long session, CallEventView event) {
    }

    SessionLog(List<CallEventView> stored, SessionLogWriter writer) {
        this.events = new ArrayList<>(stored);
        this.size = events.size();
        this.writer = writer;
    }

    /** The log a transition just stored becomes the room's. */
    void stored(List<CallEventView> log) {
        events = new ArrayList<>(log);
        size = events.size();
    }

    /** The log with one more event, to be stored before it becomes the room's. */
    List<CallEventView> with(Instant at, CallEvent event, Role from) {
        List<CallEventView> next = new ArrayList<>(events);
        if (next.size() < MAX_EVENTS) {
            next.add(new CallEventView(at, event, from));
        }
        return next;
    }

    /** Adds an event of this session; the writer stores it with its next batch. */
    void record(long session, Instant at, CallEvent event, Role from) {
        if (events.size() < MAX_EVENTS) {
            events.add(new CallEventView(at, event, from));
            size = events.size();
            writer.changed(session, List.copyOf(events));
        }
    }

    /** Adds one side's quality sample (a {@code qualitySample} entry with its figures); stored with the next batch. */
    void recordQuality(long session, Instant at, Role from, QualitySample sample) {
        if (events.size() < MAX_EVENTS) {
            events.add(new CallEventView(at, CallEvent.QUALITY_SAMPLE, from, sample));
            size = events.size();
            writer.changed(session, List.copyOf(events));
        }
    }

    /** The log as it is now. */
    List<CallEventView> copy() {
        return List.copyOf(events);
    }

    /**
     * A signal of this session was relayed (from any thread): its entry waits until the next take-in. At most what
     * still fits in the log waits; beyond that nothing is made. Returns true when the caller is to ask for a task
     * that takes it in: only the first note since the last such task does, however many signals arrive meanwhile.
     */
    boolean noteRelayed(long session, Clock clock, CallEvent event, Role from) {
        if (relayedWaiting.incrementAndGet() + size > MAX_EVENTS) {
            relayedWaiting.decrementAndGet();
            return false;
        }
        relayed.add(new Relayed(session, new CallEventView(clock.instant(), event, from)));
        return takeInAsked.compareAndSet(false, true);
    }

    /** The task {@link #noteRelayed} asked for runs: the next note asks again. */
    void takeInTaskRuns() {
        takeInAsked.set(false);
    }

    /**
     * Moves the relayed entries in that belong to the live session; entries of an earlier session, or while no
     * call waits or runs, are dropped.
     *
     * @param liveSession the session of the waiting or running call, or null when none is live
     */
    void takeIn(Long liveSession) {
        boolean grew = false;
        for (Relayed r = relayed.poll(); r != null; r = relayed.poll()) {
            relayedWaiting.decrementAndGet();
            if (liveSession != null && r.session() == liveSession && events.size() < MAX_EVENTS) {
                events.add(r.event());
                grew = true;
            }
        }
        if (grew) {
            size = events.size();
            writer.changed(liveSession, List.copyOf(events));
        }
    }
}
