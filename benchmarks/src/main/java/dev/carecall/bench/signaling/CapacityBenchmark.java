package dev.carecall.bench.signaling;

import dev.carecall.bench.BenchContext;
import dev.carecall.bench.process.BackendProcess;
import dev.carecall.bench.process.BenchData;
import dev.carecall.bench.process.Postgres;
import dev.carecall.bench.process.ProcStats;
import dev.carecall.bench.report.Report;
import dev.carecall.bench.report.Samples;

import java.time.Duration;
import java.util.List;

/**
 * How many open, registered, idle sockets one backend holds with {@code -Xmx512m}: rooms of two registered sockets
 * are opened 50 at a time up to the target (10,000 sockets = 5,000 appointments), stopping at the first failure or
 * after four minutes; then memory per socket, and whether calls of other appointments still relay at that load.
 */
public final class CapacityBenchmark {
    private static final String PART = "capacity";
    private static final int CALL_ROOMS = 50;

    private final BenchContext context;
    private final Report report;

    public CapacityBenchmark(BenchContext context) {
        this.context = context;
        this.report = context.report();
    }

    public void run(int targetSockets) {
        int idleRooms = targetSockets / 2;
        try (Postgres postgres = Postgres.createSchema();
             BackendProcess backend = BackendProcess.start(context.repository(), context.work(),
                     postgres.settings(), BackendProcess.launchOptions(context.repository()))) {
            long written = System.nanoTime();
            List<BenchData.Appointment> appointments = BenchData.create(backend.database(), backend.secret(),
                    idleRooms + CALL_ROOMS, "capacity");
            System.out.printf("  %,d appointments written in %.1f s%n", appointments.size(),
                    (System.nanoTime() - written) / 1e9);
            long pid = backend.pid();
            long rssBefore = ProcStats.rssBytes(pid);
            long heapBefore = ProcStats.heapAfterGc(pid);
            try (LoadDriver idle = new LoadDriver(new CareCallWire(true), backend.address(), pid, 1);
                 LoadDriver calls = new LoadDriver(new CareCallWire(), backend.address(), pid, 1)) {
                LoadDriver.Setup setup = idle.setUp(appointments.subList(0, idleRooms), 0, 50, true,
                        Duration.ofMinutes(4));
                int sockets = 2 * setup.rooms();
                long rss = ProcStats.rssBytes(pid);
                long heap = ProcStats.heapAfterGc(pid);
                boolean reached = sockets >= targetSockets;
                report.target(PART, "idle registered sockets in -Xmx512m", String.format("%,d in %.0f s%s",
                        sockets, setup.totalNanos() / 1e9, reached ? "" : " (stopped: " + (setup.firstFailure()
                        == null ? "time limit" : setup.firstFailure()) + ")"), String.format("%,d", targetSockets),
                        reached);
                report.info(PART, "backend RSS / heap after GC, before → with them", Report.mib(rssBefore) + " → "
                        + Report.mib(rss) + " / " + Report.mib(heapBefore) + " → " + Report.mib(heap));
                if (sockets > 0) {
                    report.info(PART, "memory per idle socket: RSS / heap", String.format("%.1f KiB / %.1f KiB",
                            (rss - rssBefore) / 1024.0 / sockets, (heap - heapBefore) / 1024.0 / sockets));
                }
                report.info(PART, "backend threads with them", Integer.toString(ProcStats.threads(pid)));
                LoadDriver.Setup callSetup = calls.setUp(appointments.subList(idleRooms, appointments.size()), 10,
                        10, false, Duration.ofMinutes(1));
                Samples one = callSetup.oneAtATime();
                report.info(PART, "room setup beside them", Report.ms(one.median()) + " median, "
                        + Report.ms(one.max()) + " max (" + one.count() + " one at a time)");
                LoadDriver.Phase phase = calls.runRate("6/s", 6, Duration.ofSeconds(2), context.seconds(10, 5));
                LoopStats c = phase.counts();
                report.target(PART, CALL_ROOMS + " calls beside them, 6 signals/s per socket",
                        String.format("%,d / %,d delivered, p50 %.1f ms, p99 %.1f ms", c.delivered, c.sent,
                                c.latency.median() / 1e6, c.latency.percentile(99) / 1e6),
                        "all delivered", c.sent > 0 && c.delivered == c.sent);
                report.info(PART, "idle sockets still open after that", String.format("%,d of %,d",
                        idle.openSockets(), sockets));
            }
        }
    }
}
