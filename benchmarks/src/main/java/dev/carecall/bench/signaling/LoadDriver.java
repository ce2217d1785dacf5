package dev.carecall.bench.signaling;

import dev.carecall.bench.process.BenchData;
import dev.carecall.bench.process.ProcStats;
import dev.carecall.bench.report.Samples;
import dev.carecall.bench.ws.WsLoop;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Drives rooms of one relay: sets them up (a first few one at a time, for the latency of one setup, the rest
 * several at once), then runs phases of signals and collects what the loops counted, with the relay's memory and
 * CPU and the generator's own CPU over each window.
 */
final class LoadDriver implements AutoCloseable {
    /** Several loopback source addresses, so that thousands of sockets never run out of ephemeral ports. */
    private static final int SOURCE_ADDRESSES = 8;
    private static final Duration ROOM_TIMEOUT = Duration.ofSeconds(20);

    private final Wire wire;
    private final InetSocketAddress server;
    private final long serverPid;
    private final List<WsLoop> loops = new ArrayList<>();
    private final List<LoopStats> loopStats = new ArrayList<>();
    private final List<Room> rooms = new ArrayList<>();
    private final Window window = new Window();
    private final InetAddress[] sources = new InetAddress[SOURCE_ADDRESSES];
    private int nextSource;
    private int opened;

    /** What setting up the rooms took. */
    record Setup(Samples oneAtATime, Samples concurrent, int rooms, int failed, String firstFailure,
                 long totalNanos) {
    }

    /**
     * One phase's figures. {@code loopCpuCores} is the CPU the generator's loop threads used; {@code loopOutOfSelect}
     * the share of the window they were not waiting in {@code select}, which also counts time a busy machine did not
     * give them a core.
     */
    record Phase(String name, double offeredPerSecond, double seconds, LoopStats counts, long serverRssMax,
                 double serverCpuCores, double generatorCpuCores, double loopCpuCores, double loopOutOfSelect) {
        double deliveredPerSecond() {
            return counts.delivered / seconds;
        }
    }

    LoadDriver(Wire wire, InetSocketAddress server, long serverPid, int loopCount) {
        this.wire = wire;
        this.server = server;
        this.serverPid = serverPid;
        for (int i = 0; i < loopCount; i++) {
            loops.add(new WsLoop("bench-loop-" + i));
            loopStats.add(new LoopStats());
        }
        try {
            for (int i = 0; i < SOURCE_ADDRESSES; i++) {
                sources[i] = InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (1 + i)});
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    List<Room> rooms() {
        return rooms;
    }

    /**
     * Sets up a room per appointment: the first {@code oneAtATime} strictly one after the other, the rest with up to
     * {@code concurrency} under way. With {@code stopAtFailure} the first failed room ends the setup (capacity).
     */
    Setup setUp(List<BenchData.Appointment> appointments, int oneAtATime, int concurrency, boolean stopAtFailure,
                Duration limit) {
        Samples single = new Samples();
        Samples concurrent = new Samples();
        long started = System.nanoTime();
        long deadline = started + limit.toNanos();
        List<Room> pending = new ArrayList<>();
        int failed = 0;
        String firstFailure = null;
        int index = 0;
        while ((index < appointments.size() || !pending.isEmpty()) && System.nanoTime() < deadline) {
            int allowed = index < oneAtATime ? 1 : concurrency;
            while (index < appointments.size() && pending.size() < allowed
                    && (firstFailure == null || !stopAtFailure)) {
                pending.add(open(appointments.get(index++)));
            }
            if (pending.isEmpty()) {
                break;
            }
            Room room = pending.removeFirst();
            try {
                long nanos = room.setup().get(ROOM_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                (rooms.size() < oneAtATime ? single : concurrent).add(nanos);
                rooms.add(room);
            } catch (ExecutionException | TimeoutException e) {
                failed++;
                if (firstFailure == null) {
                    firstFailure = e instanceof TimeoutException ? "room " + room.appointment().id()
                            + " not set up within " + ROOM_TIMEOUT.toSeconds() + " s" : e.getCause().getMessage();
                }
                close(room);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        for (Room room : pending) {
            close(room);
        }
        return new Setup(single, concurrent, rooms.size(), failed, firstFailure, System.nanoTime() - started);
    }

    private Room open(BenchData.Appointment appointment) {
        int which = opened++ % loops.size();
        WsLoop loop = loops.get(which);
        Room room = new Room(appointment, wire, loop, loopStats.get(which), window);
        loop.connect(server, sources[nextSource++ % sources.length], wire.path(room, room.doctor()), room.doctor());
        loop.connect(server, sources[nextSource++ % sources.length], wire.path(room, room.patient()),
                room.patient());
        return room;
    }

    private static void close(Room room) {
        room.loop().execute(() -> {
            for (Peer peer : new Peer[] {room.doctor(), room.patient()}) {
                if (peer.connection() != null) {
                    peer.connection().close();
                }
            }
        });
    }

    /** Sockets of the set-up rooms that are still open. */
    int openSockets() {
        int open = 0;
        List<CompletableFuture<Integer>> counts = new ArrayList<>();
        for (WsLoop loop : loops) {
            counts.add(loop.call(() -> {
                int n = 0;
                for (Room room : rooms) {
                    if (room.loop() == loop) {
                        n += (room.doctor().isOpen() ? 1 : 0) + (room.patient().isOpen() ? 1 : 0);
                    }
                }
                return n;
            }));
        }
        for (CompletableFuture<Integer> count : counts) {
            open += count.join();
        }
        return open;
    }

    /** Every room's sockets send {@code perSocket} signals a second; measured over {@code measure}. */
    Phase runRate(String name, double perSocket, Duration warmUp, Duration measure) {
        forEachLoop(loop -> {
            long now = System.nanoTime();
            long period = (long) (1e9 / perSocket);
            for (Room room : rooms) {
                if (room.loop() == loop) {
                    room.doctor().startRate(perSocket, now + ThreadLocalRandom.current().nextLong(period));
                    room.patient().startRate(perSocket, now + ThreadLocalRandom.current().nextLong(period));
                }
            }
        });
        return measure(name, perSocket * 2 * rooms.size(), warmUp, measure);
    }

    /** Every socket keeps {@code inFlight} signals under way: the relay's throughput at saturation. */
    Phase runClosedLoop(String name, int inFlight, Duration warmUp, Duration measure) {
        forEachLoop(loop -> {
            for (Room room : rooms) {
                if (room.loop() == loop) {
                    room.doctor().startClosedLoop(inFlight);
                    room.patient().startClosedLoop(inFlight);
                }
            }
        });
        return measure(name, Double.NaN, warmUp, measure);
    }

    private Phase measure(String name, double offered, Duration warmUp, Duration measure) {
        pause(warmUp.toMillis());
        forEachLoop(loop -> loopStats.get(loops.indexOf(loop)).reset());
        long serverCpu = ProcStats.cpuNanos(serverPid);
        long ownCpu = ProcStats.cpuNanos(ProcessHandle.current().pid());
        long idle = loops.stream().mapToLong(WsLoop::idleNanos).sum();
        long loopCpu = loops.stream().mapToLong(WsLoop::cpuNanos).sum();
        // The window opens at the moment its start is taken: a signal sent in between would count as delivered
        // without counting as sent.
        long start = System.nanoTime();
        long end = start + measure.toNanos();
        window.open(start, end);
        long rssMax = 0;
        while (System.nanoTime() < end) {
            rssMax = Math.max(rssMax, ProcStats.rssBytes(serverPid));
            pause(Math.max(1, Math.min(200, (end - System.nanoTime()) / 1_000_000)));
        }
        long seconds = System.nanoTime() - start;
        double serverCores = (ProcStats.cpuNanos(serverPid) - serverCpu) / (double) seconds;
        double ownCores = (ProcStats.cpuNanos(ProcessHandle.current().pid()) - ownCpu) / (double) seconds;
        double busy = 1 - (loops.stream().mapToLong(WsLoop::idleNanos).sum() - idle)
                / (double) (seconds * loops.size());
        double loopCores = (loops.stream().mapToLong(WsLoop::cpuNanos).sum() - loopCpu) / (double) seconds;
        forEachLoop(loop -> {
            for (Room room : rooms) {
                if (room.loop() == loop) {
                    room.doctor().stop();
                    room.patient().stop();
                }
            }
        });
        // Drain: whatever was sent inside the window may still be on its way.
        long drainUntil = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        LoopStats total;
        do {
            pause(100);
            total = collect();
        } while (total.delivered < total.sent && System.nanoTime() < drainUntil);
        window.close();
        // Signals still queued in the relay would delay the next phase's: wait until none has arrived for a second.
        long quietUntil = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() - collect().lastArrival < 1_000_000_000L && System.nanoTime() < quietUntil) {
            pause(200);
        }
        return new Phase(name, offered, measure.toNanos() / 1e9, total, rssMax, serverCores, ownCores, loopCores,
                busy);
    }

    private LoopStats collect() {
        LoopStats total = new LoopStats();
        List<CompletableFuture<LoopStats>> parts = new ArrayList<>();
        for (int i = 0; i < loops.size(); i++) {
            LoopStats stats = loopStats.get(i);
            parts.add(loops.get(i).call(stats::snapshot));
        }
        for (CompletableFuture<LoopStats> part : parts) {
            total.add(part.join());
        }
        return total;
    }

    private void forEachLoop(java.util.function.Consumer<WsLoop> task) {
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (WsLoop loop : loops) {
            done.add(loop.call(() -> {
                task.accept(loop);
                return null;
            }));
        }
        done.forEach(CompletableFuture::join);
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis); // pacing of the measurement, not synchronisation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        loops.forEach(WsLoop::close);
    }
}
