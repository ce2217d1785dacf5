package dev.carecall.bench.signaling;

import dev.carecall.bench.BenchContext;
import dev.carecall.bench.process.BackendProcess;
import dev.carecall.bench.process.BenchData;
import dev.carecall.bench.process.Postgres;
import dev.carecall.bench.process.ProcStats;
import dev.carecall.bench.process.SocketIoRelay;
import dev.carecall.bench.report.Report;
import dev.carecall.bench.report.Samples;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The same load against the CareCall backend (production mode, PostgreSQL, TLS off) and then against the Socket.IO
 * reference relay: 500 appointments × 2 sockets, 2, 6 and 12 signals a second per socket, then as fast as a
 * window of signals in flight per socket allows (saturation).
 */
public final class SignalingBenchmark {
    private static final String PART = "signaling";
    static final double[] RATES = {2, 6, 12};
    private static final int IN_FLIGHT = 4;

    private final BenchContext context;
    private final Report report;

    /** The figures of one relay, for the comparison. */
    private record Run(String name, List<LoadDriver.Phase> phases, LoadDriver.Phase saturation) {
    }

    public SignalingBenchmark(BenchContext context) {
        this.context = context;
        this.report = context.report();
    }

    public void run(int appointmentCount, int loops) {
        Run careCall;
        try (Postgres postgres = Postgres.createSchema();
             BackendProcess backend = BackendProcess.start(context.repository(), context.work(),
                     postgres.settings(), BackendProcess.launchOptions(context.repository()))) {
            report.info(PART + " setup", "CareCall backend JVM options", String.join(" ", backend.jvmOptions()));
            List<BenchData.Appointment> appointments = BenchData.create(backend.database(), backend.secret(),
                    appointmentCount, "load");
            long walBefore = postgres.walBytes();
            careCall = load(new CareCallWire(), backend.address(), backend.pid(), appointments, loops,
                    () -> ProcStats.heapAfterGc(backend.pid()), "JVM heap after GC");
            long walAfter = postgres.walBytes();
            if (walBefore >= 0 && walAfter >= 0) {
                // Mostly the signaling logs stored as they grow; the server is shared, so others' writes count too.
                report.info(PART + " memory", "PostgreSQL WAL written during CareCall's setup and load",
                        Report.mib(walAfter - walBefore));
            }
        }
        Run socketIo;
        try (SocketIoRelay relay = SocketIoRelay.start(context.repository().resolve("benchmarks/target/relay"),
                context.work())) {
            List<BenchData.Appointment> rooms = new ArrayList<>();
            for (int i = 0; i < appointmentCount; i++) {
                rooms.add(new BenchData.Appointment(i + 1, "doctor-" + i, "", ""));
            }
            socketIo = load(new SocketIoWire(), relay.address(), relay.pid(), rooms, loops, relay::heapAfterGc,
                    "V8 heap after GC");
        }
        compare(careCall, socketIo);
    }

    private Run load(Wire wire, java.net.InetSocketAddress address, long pid, List<BenchData.Appointment> rooms,
                     int loops, LongSupplier heapAfterGc, String heapName) {
        String name = wire.name();
        System.out.println("== signaling load: " + name + ", " + rooms.size() + " rooms × 2 sockets");
        try (LoadDriver driver = new LoadDriver(wire, address, pid, loops)) {
            LoadDriver.Setup setup = driver.setUp(rooms, context.count(50, 20), 32, false, Duration.ofMinutes(3));
            report.info(PART + " setup", name + " rooms set up", setup.rooms() + " of " + rooms.size() + " in "
                    + Report.ms(setup.totalNanos()) + (setup.failed() > 0 ? ", first failure: "
                    + setup.firstFailure() : ""));
            Samples single = setup.oneAtATime();
            String setupValue = Report.ms(single.median()) + " median, " + Report.ms(single.percentile(90))
                    + " p90, " + Report.ms(single.max()) + " max (" + single.count() + " one at a time)";
            if (wire instanceof CareCallWire) {
                report.target(PART + " setup", name + " room setup (register ×2, start, join)", setupValue,
                        "median < 10 ms", single.median() < 10_000_000L);
            } else {
                report.info(PART + " setup", name + " room setup (join-room ×2)", setupValue);
            }
            Samples concurrent = setup.concurrent();
            report.info(PART + " setup", name + " room setup, 32 at once", Report.ms(concurrent.median())
                    + " median, " + Report.ms(concurrent.percentile(99)) + " p99");
            if (setup.rooms() == 0) {
                report.note(name + ": no room could be set up (" + setup.firstFailure() + "); see the logs in "
                        + context.work());
                return new Run(name, List.of(), null);
            }
            long idleHeap = heapAfterGc.getAsLong();
            report.info(PART + " memory", name + " idle with all rooms: RSS / " + heapName,
                    Report.mib(ProcStats.rssBytes(pid)) + " / " + Report.mib(idleHeap));
            List<LoadDriver.Phase> phases = new ArrayList<>();
            Duration warmUp = context.seconds(3, 2);
            Duration window = context.seconds(10, 5);
            for (double rate : RATES) {
                LoadDriver.Phase phase = driver.runRate(String.format("%.0f/s per socket", rate), rate, warmUp,
                        window);
                phases.add(phase);
                print(name, phase, heapAfterGc.getAsLong(), heapName);
            }
            LoadDriver.Phase saturation = driver.runClosedLoop("saturation (" + IN_FLIGHT + " in flight per "
                    + "socket)", IN_FLIGHT, warmUp, context.seconds(10, 5));
            print(name, saturation, heapAfterGc.getAsLong(), heapName);
            return new Run(name, phases, saturation);
        }
    }

    private void print(String name, LoadDriver.Phase phase, long heap, String heapName) {
        String part = PART + " " + phase.name();
        LoopStats c = phase.counts();
        Samples l = c.latency;
        String offered = Double.isNaN(phase.offeredPerSecond()) ? "closed loop"
                : String.format("%,.0f msg/s offered", phase.offeredPerSecond());
        report.info(part, name + " sent / delivered (" + offered + ")", String.format("%,d / %,d%s%s", c.sent,
                c.delivered, c.delivered < c.sent ? String.format(" (%,d still on their way 10 s after the window)",
                        c.sent - c.delivered) : "", c.dropped + c.socketsLost + c.outOfOrder > 0
                        ? String.format(" (%d not sent, %d sockets lost, %d out of order)", c.dropped,
                        c.socketsLost, c.outOfOrder) : ""));
        report.info(part, name + " delivered throughput", String.format("%,.0f msg/s", phase.deliveredPerSecond()));
        report.info(part, name + " latency p50 / p90 / p99 / max", String.format("%.1f / %.1f / %.1f / %.1f ms",
                l.median() / 1e6, l.percentile(90) / 1e6, l.percentile(99) / 1e6, l.max() / 1e6));
        report.info(part, name + " server RSS (max) / " + heapName, Report.mib(phase.serverRssMax()) + " / "
                + Report.mib(heap));
        report.info(part, name + " server CPU", String.format("%.0f %% of a core", phase.serverCpuCores() * 100));
        report.info(part, name + " generator: process CPU / loop thread CPU / send lag p99",
                String.format("%.0f %% / %.0f %% of a core / %.1f ms", phase.generatorCpuCores() * 100,
                        phase.loopCpuCores() * 100, c.lag.percentile(99) / 1e6));
    }

    private void compare(Run careCall, Run socketIo) {
        if (careCall.phases().size() != RATES.length || socketIo.phases().size() != RATES.length) {
            report.note("signaling: one of the relays did not run every phase; no comparison");
            return;
        }
        for (int i = 0; i < RATES.length; i++) {
            LoadDriver.Phase ours = careCall.phases().get(i);
            LoadDriver.Phase theirs = socketIo.phases().get(i);
            long p99 = ours.counts().latency.percentile(99);
            long theirP99 = theirs.counts().latency.percentile(99);
            String part = PART + " " + ours.name();
            if (RATES[i] == 12) {
                report.target(part, "p99 CareCall vs Socket.IO", String.format("%.1f vs %.1f ms (%.2f×)", p99 / 1e6,
                        theirP99 / 1e6, p99 / (double) theirP99), "≤ Socket.IO's", p99 <= theirP99);
                report.target(part, "server RSS CareCall vs Socket.IO", String.format("%s vs %s (%.2f×)",
                        Report.mib(ours.serverRssMax()), Report.mib(theirs.serverRssMax()),
                        ours.serverRssMax() / (double) theirs.serverRssMax()), "≤ 1.5×",
                        ours.serverRssMax() <= 1.5 * theirs.serverRssMax());
            } else {
                report.info(part, "p99 CareCall vs Socket.IO", String.format("%.1f vs %.1f ms (%.2f×)", p99 / 1e6,
                        theirP99 / 1e6, p99 / (double) theirP99));
            }
        }
        double ours = careCall.saturation().deliveredPerSecond();
        double theirs = socketIo.saturation().deliveredPerSecond();
        report.target(PART + " saturation", "delivered throughput CareCall vs Socket.IO",
                String.format("%,.0f vs %,.0f msg/s (%.2f×)", ours, theirs, ours / theirs), "≥ 2×",
                ours >= 2 * theirs);
    }
}
