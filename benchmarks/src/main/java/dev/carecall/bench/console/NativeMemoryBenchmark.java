package dev.carecall.bench.console;

import dev.carecall.bench.BenchContext;
import dev.carecall.bench.process.BackendProcess;
import dev.carecall.bench.process.BenchData;
import dev.carecall.bench.process.ChildProcess;
import dev.carecall.bench.process.Postgres;
import dev.carecall.bench.report.Report;
import dev.carecall.console.call.CallEngine;
import dev.carecall.console.call.CallListener;
import dev.carecall.console.call.CallPhase;
import dev.carecall.console.call.CallSettings;
import dev.carecall.console.call.WebRtcCallEngine;
import dev.carecall.console.media.MediaSettings;
import dev.carecall.protocol.Role;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Native memory of one console process over many calls ({@link CallLoop}: the doctor's engine starts, sees the
 * patient's video, hangs up, again and again), the patient being an engine in this process that joins each call.
 * Growth is measured on malloc's bytes in use, between medians of five calls at the start and the end of the last
 * half, so a frame buffer in flight at one reading does not count; VmRSS is printed beside it.
 */
public final class NativeMemoryBenchmark {
    private static final String PART = "console native memory";
    private static final int WARM_UP = 2;

    private final BenchContext context;
    private final Report report;

    /** One line of the child's output. */
    private record Call(int number, long frames, long rss, long malloc) {
    }

    public NativeMemoryBenchmark(BenchContext context) {
        this.context = context;
        this.report = context.report();
    }

    public void run() {
        int calls = context.count(100, 20);
        try (Postgres postgres = Postgres.createSchema();
             BackendProcess backend = BackendProcess.start(context.repository(), context.work(),
                     postgres.settings(), BackendProcess.launchOptions(context.repository()))) {
            BenchData.Appointment appointment = BenchData.create(backend.database(), backend.secret(), 1, "memory")
                    .getFirst();
            try (CallEngine patient = WebRtcCallEngine.create(new CallSettings(backend.webSocketBaseUri(),
                    appointment.id(), appointment.patientToken(), Role.PATIENT, MediaSettings.synthetic()))) {
                CallEngine joiner = patient;
                patient.addListener(new CallListener() {
                    @Override
                    public void phaseChanged(CallPhase phase) {
                        if (phase == CallPhase.INCOMING) {
                            joiner.joinCall();
                        }
                    }
                });
                patient.connect();
                List<String> command = List.of(BackendProcess.javaBinary(), "--enable-native-access=ALL-UNNAMED",
                        "-cp", context.repository().resolve("benchmarks/target/benchmarks.jar").toString(),
                        CallLoop.class.getName(), backend.webSocketBaseUri().toString(),
                        Long.toString(appointment.id()), appointment.doctorToken(),
                        Integer.toString(WARM_UP + calls));
                long started = System.nanoTime();
                try (ChildProcess console = new ChildProcess("console (call loop)", command,
                        Map.of("MALLOC_ARENA_MAX", "2"), context.work().resolve("console-call-loop.log"))) {
                    if (!console.awaitExit(Duration.ofMinutes(10)) || console.exitValue() != 0) {
                        throw new IllegalStateException("the console's call loop did not finish; its log "
                                + console.log() + " ends:\n" + console.tail());
                    }
                    List<Call> results = parse(console);
                    print(results.subList(WARM_UP, results.size()), (System.nanoTime() - started) / 1e9);
                }
            }
        }
    }

    private static List<Call> parse(ChildProcess console) {
        List<Call> calls = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(console.log())) {
                if (line.startsWith("CALL ")) {
                    String[] f = line.split(" ");
                    calls.add(new Call(Integer.parseInt(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                            Long.parseLong(f[4])));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return calls;
    }

    private void print(List<Call> calls, double seconds) {
        int n = calls.size();
        int half = n / 2;
        // Centres of five-call medians, half the calls apart: the last half's growth per call.
        long mallocGrowth = median(calls.subList(n - 5, n), Call::malloc)
                - median(calls.subList(n - half - 5, n - half), Call::malloc);
        long rssGrowth = median(calls.subList(n - 5, n), Call::rss)
                - median(calls.subList(n - half - 5, n - half), Call::rss);
        report.info(PART, "calls in one console process", String.format("%d (+%d warm-up) in %.0f s", n, WARM_UP,
                seconds));
        report.info(PART, "malloc in use after the first / last call", Report.mib(calls.getFirst().malloc()) + " / "
                + Report.mib(calls.getLast().malloc()));
        report.info(PART, "VmRSS after the first / last call", Report.mib(calls.getFirst().rss()) + " / "
                + Report.mib(calls.getLast().rss()));
        double perCall = mallocGrowth / (double) half / (1024 * 1024);
        report.target(PART, "native growth per call over the last " + half + " calls (malloc in use)",
                String.format("%.3f MiB", perCall), "< 0.2 MiB", perCall < 0.2);
        report.info(PART, "VmRSS growth per call over the last " + half + " calls",
                String.format("%.3f MiB", rssGrowth / (double) half / (1024 * 1024)));
    }

    private static long median(List<Call> calls, java.util.function.ToLongFunction<Call> value) {
        return calls.stream().mapToLong(value).sorted().toArray()[calls.size() / 2];
    }
}
