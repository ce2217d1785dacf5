package dev.carecall.bench.console;

import dev.carecall.bench.BenchContext;
import dev.carecall.bench.process.BackendProcess;
import dev.carecall.bench.process.BenchData;
import dev.carecall.bench.process.ChildProcess;
import dev.carecall.bench.process.Postgres;
import dev.carecall.bench.process.ProcStats;
import dev.carecall.bench.process.ThreadCpu;
import dev.carecall.bench.report.Report;
import dev.carecall.bench.timeline.PatientPage;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * CPU of a console process while its call screen shows the patient's 1280×720 video at 30 fps, and the frames it
 * dropped: {@link RenderProbe} under the X display of {@code DISPLAY} (Xvfb), JavaFX's software pipeline as in the
 * GUI tests, against the patient page in headless Chromium, whose fake camera gives 1280×720 at 30 fps (the page
 * asks for 1280×720; the console's own synthetic camera is fixed at 640×360, 15 fps). The window starts once video
 * flows and a few seconds have passed. The process's CPU is also split by thread name (from {@code /proc}), which
 * shows whether decoding, drawing, the audio module or the own camera's encoder costs what.
 */
public final class RenderBenchmark {
    private static final String PART = "console render";

    private final BenchContext context;
    private final Report report;

    /** One {@code FRAMES} line of the probe. */
    private record Frames(long epochMillis, long received, long shown, int width, int height) {
    }

    public RenderBenchmark(BenchContext context) {
        this.context = context;
        this.report = context.report();
    }

    public void run() {
        String display = System.getenv("DISPLAY");
        if (display == null || display.isBlank()) {
            throw new IllegalStateException("no X display: set DISPLAY (scripts/bench.sh starts Xvfb)");
        }
        try (Postgres postgres = Postgres.createSchema();
             BackendProcess backend = BackendProcess.start(context.repository(), context.work(),
                     postgres.settings(), BackendProcess.launchOptions(context.repository()))) {
            BenchData.Appointment appointment = BenchData.create(backend.database(), backend.secret(), 1, "render")
                    .getFirst();
            List<String> command = List.of(BackendProcess.javaBinary(), "--enable-native-access=ALL-UNNAMED",
                    "-Dprism.order=sw", "-Dprism.verbose=true",
                    "-cp", context.repository().resolve("benchmarks/target/benchmarks.jar").toString(),
                    RenderProbe.class.getName(), "--server=" + backend.baseUri(),
                    "--appointment=" + appointment.id(), "--username=" + appointment.doctorUsername(),
                    "--token=" + appointment.doctorToken());
            try (ChildProcess console = new ChildProcess("console (render probe)", command,
                    Map.of("DISPLAY", display, "MALLOC_ARENA_MAX", "2"), context.work().resolve("console-render.log"));
                 PatientPage page = new PatientPage(30)) {
                // The console starts the call once its window is up; the page offers Join only after that.
                console.awaitReady("its call screen", Duration.ofSeconds(120), () -> last(console).epochMillis() > 0);
                page.open(backend.baseUri() + "/join/" + appointment.id() + "?token=" + appointment.patientToken());
                page.awaitJoin();
                page.clickJoin();
                console.awaitReady("the patient's video on screen", Duration.ofSeconds(60),
                        () -> last(console).shown() > 0);
                pause(context.seconds(10, 3)); // the bandwidth estimate ramps up to 720p
                Frames start = last(console);
                Map<String, Object> sentStart = page.outgoingVideo();
                long cpuStart = ProcStats.cpuNanos(console.pid());
                ThreadCpu.Snapshot threadsStart = ThreadCpu.snapshot(console.pid());
                long wallStart = System.nanoTime();
                pause(context.seconds(60, 15));
                long cpu = ProcStats.cpuNanos(console.pid()) - cpuStart;
                long wall = System.nanoTime() - wallStart;
                List<ThreadCpu.Share> threads = ThreadCpu.between(threadsStart, ThreadCpu.snapshot(console.pid()));
                Frames end = last(console);
                Map<String, Object> sentEnd = page.outgoingVideo();
                print(start, end, cpu / (double) wall, sentStart, sentEnd, ProcStats.rssBytes(console.pid()));
                report.info(PART, "console CPU by thread (% of one core)", ThreadCpu.summary(threads, 10));
            }
        }
    }

    private void print(Frames start, Frames end, double cores, Map<String, Object> sentStart,
                       Map<String, Object> sentEnd, long rss) {
        double seconds = (end.epochMillis() - start.epochMillis()) / 1000.0;
        long received = end.received() - start.received();
        long shown = end.shown() - start.shown();
        long encoded = number(sentEnd, "framesEncoded") - number(sentStart, "framesEncoded");
        report.info(PART, "patient page sends (Chromium, fake camera)", String.format("%sx%s at %.1f fps%s",
                sentEnd.get("width"), sentEnd.get("height"), encoded / seconds,
                "none".equals(sentEnd.get("limitation")) ? "" : ", limited by " + sentEnd.get("limitation")));
        report.info(PART, "console receives / shows (drawn at)", String.format("%dx%d, %.1f / %.1f fps over %.0f s",
                end.width(), end.height(), received / seconds, shown / seconds, seconds));
        report.target(PART, "console CPU while showing the call", String.format("%.0f %% of one core", cores * 100),
                "< 15 % of one core", cores < 0.15);
        report.target(PART, "frames dropped before the screen", String.format("%d of %d (%.1f %%); frames lost "
                        + "on the way: %d", received - shown, received, 100.0 * (received - shown) / Math.max(1,
                        received), Math.max(0, encoded - received)), "no growing backlog (newest frame only)",
                true);
        report.info(PART, "console VmRSS at the end", Report.mib(rss));
    }

    private static long number(Map<String, Object> stats, String key) {
        return stats.get(key) instanceof Number n ? n.longValue() : 0;
    }

    private static Frames last(ChildProcess console) {
        try {
            List<String> lines = Files.readAllLines(console.log());
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).startsWith("FRAMES ")) {
                    String[] f = lines.get(i).split(" ");
                    return new Frames(Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                            Integer.parseInt(f[4]), Integer.parseInt(f[5]));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not yet written
        }
        return new Frames(0, 0, 0, 0, 0);
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration); // the measuring window
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
