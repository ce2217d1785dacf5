package dev.carecall.bench.signaling;

import dev.carecall.bench.process.BenchData;
import dev.carecall.bench.ws.WsLoop;

import java.util.concurrent.CompletableFuture;

/**
 * One appointment's two sockets on one loop (so a signal's sender and receiver share a thread and a window never
 * needs a lock), and how long its setup took: from both sockets open to both told the call is joined.
 */
final class Room {
    private final BenchData.Appointment appointment;
    private final Wire wire;
    private final WsLoop loop;
    private final Peer doctor;
    private final Peer patient;
    private final CompletableFuture<Long> setup = new CompletableFuture<>();
    /** Loop-thread state of the setup. */
    boolean startSent;
    boolean joinSent;
    private long setupStart;
    private boolean ready;
    final LoopStats stats;

    Room(BenchData.Appointment appointment, Wire wire, WsLoop loop, LoopStats stats, Window window) {
        this.appointment = appointment;
        this.wire = wire;
        this.loop = loop;
        this.stats = stats;
        this.doctor = new Peer(this, "doctor", window);
        this.patient = new Peer(this, "patient", window);
    }

    BenchData.Appointment appointment() {
        return appointment;
    }

    Wire wire() {
        return wire;
    }

    WsLoop loop() {
        return loop;
    }

    Peer doctor() {
        return doctor;
    }

    Peer patient() {
        return patient;
    }

    Peer other(Peer peer) {
        return peer == doctor ? patient : doctor;
    }

    boolean isReady() {
        return ready;
    }

    /** Nanoseconds the setup took, once both parties are in the call. */
    CompletableFuture<Long> setup() {
        return setup;
    }

    void setupStarted() {
        setupStart = System.nanoTime();
    }

    void setupDone() {
        ready = true;
        setup.complete(System.nanoTime() - setupStart);
    }

    void failed(String why) {
        if (!setup.isDone()) {
            setup.completeExceptionally(new IllegalStateException(wire.name() + " room " + appointment.id() + ": "
                    + why));
        }
    }
}
