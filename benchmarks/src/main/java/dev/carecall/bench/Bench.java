package dev.carecall.bench;

import dev.carecall.bench.console.NativeMemoryBenchmark;
import dev.carecall.bench.console.RenderBenchmark;
import dev.carecall.bench.report.Report;
import dev.carecall.bench.signaling.CapacityBenchmark;
import dev.carecall.bench.signaling.SignalingBenchmark;
import dev.carecall.bench.timeline.CallSetupTimeline;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Runs the benchmark's parts one after the other and prints every figure with its target beside it. Exits 1 only
 * when a part could not run (a process did not start, a browser is missing); a target missed is a figure, not a
 * failure. Usage: {@code Bench [--quick] [--only=signaling,capacity,timeline,render,memory] [--repository=DIR]}.
 */
public final class Bench {
    static final List<String> PARTS = List.of("signaling", "capacity", "timeline", "render", "memory");

    private Bench() {
    }

    public static void main(String[] args) throws IOException {
        boolean quick = false;
        Path repository = Path.of("").toAbsolutePath();
        Set<String> only = new LinkedHashSet<>(PARTS);
        int appointments = 500;
        int loops = 1;
        for (String arg : args) {
            if (arg.equals("--quick")) {
                quick = true;
            } else if (arg.startsWith("--only=")) {
                only = new LinkedHashSet<>(List.of(arg.substring("--only=".length()).split(",")));
                if (!PARTS.containsAll(only)) {
                    usage("unknown part in " + arg);
                }
            } else if (arg.startsWith("--repository=")) {
                repository = Path.of(arg.substring("--repository=".length())).toAbsolutePath();
            } else if (arg.startsWith("--appointments=")) {
                appointments = Integer.parseInt(arg.substring("--appointments=".length()));
            } else if (arg.startsWith("--loops=")) {
                loops = Integer.parseInt(arg.substring("--loops=".length()));
            } else {
                usage("unknown argument " + arg);
            }
        }
        Path work = repository.resolve("benchmarks/target/bench");
        Files.createDirectories(work);
        Report report = new Report();
        BenchContext context = new BenchContext(repository, work, quick, report);
        String heading = heading(quick, String.join(" ", args));
        System.out.println(heading);
        List<String> failed = new ArrayList<>();
        for (String part : only) {
            long started = System.nanoTime();
            System.out.println();
            System.out.println("=== " + part);
            // Figures taken on a busy machine are compared within one run (ratios), not with an idle run's.
            report.note("load average before " + part + ": " + loadAverage());
            try {
                switch (part) {
                    case "signaling" -> new SignalingBenchmark(context).run(appointments, loops);
                    case "capacity" -> new CapacityBenchmark(context).run(context.count(10_000, 2_000));
                    case "timeline" -> new CallSetupTimeline(context).run();
                    case "render" -> new RenderBenchmark(context).run();
                    case "memory" -> new NativeMemoryBenchmark(context).run();
                    default -> throw new IllegalStateException("no part " + part);
                }
            } catch (RuntimeException e) {
                failed.add(part);
                report.note(part + " could not run: " + e.getMessage());
                e.printStackTrace(System.out);
            }
            System.out.printf("=== %s took %.0f s%n", part, (System.nanoTime() - started) / 1e9);
        }
        String end = "load average at the end: " + loadAverage();
        report.note(end);
        System.out.println();
        System.out.println(report.markdown(heading));
        report.write(work.resolve("results.md"), heading);
        System.out.println("Written to " + work.resolve("results.md"));
        if (!failed.isEmpty()) {
            System.out.println("Could not run: " + failed);
            System.exit(1);
        }
        System.exit(0);
    }

    private static String heading(boolean quick, String args) {
        var os = ManagementFactory.getOperatingSystemMXBean();
        long memory = ((com.sun.management.OperatingSystemMXBean) os).getTotalMemorySize();
        return String.format("CareCall benchmark %s — %s UTC — %d cores, %.0f GiB, %s %s, Java %s — load average "
                        + "at the start %s — scripts/bench.sh %s",
                quick ? "(quick run: shorter windows, not for the README)" : "",
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(Instant.now().atZone(ZoneOffset.UTC)),
                os.getAvailableProcessors(), memory / (1024.0 * 1024 * 1024), os.getName(), os.getVersion(),
                Runtime.version(), loadAverage(), args).replace("  ", " ");
    }

    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("Usage: Bench [--quick] [--only=" + String.join(",", PARTS) + "] [--repository=DIR] "
                + "[--appointments=N] [--loops=N]");
        System.exit(2);
    }
}
