package dev.carecall.bench.process;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a process spends its CPU, thread by thread, read from outside it ({@code /proc/PID/task}): a snapshot holds
 * each thread's user plus system time and name; two snapshots give each thread name's share of one core between them.
 * Threads of one name (a pool, several decoders) are summed; a thread that ended in between is not counted.
 */
public final class ThreadCpu {
    /** Linux's USER_HZ: /proc counts CPU time in these ticks. */
    private static final long TICKS_PER_SECOND = 100;

    /** The CPU ticks of each thread (by thread id) and its name, at {@code nanoTime}. */
    public record Snapshot(long nanoTime, Map<Long, Task> threads) {
    }

    /** One thread: its name as the kernel shows it (at most 15 characters) and its CPU ticks so far. */
    public record Task(String name, long ticks) {
    }

    /** One thread name's share of one core over a window, and how many threads carry that name. */
    public record Share(String name, int threads, double cores) {
        @Override
        public String toString() {
            return String.format("%s%s %.1f %%", name, threads > 1 ? " (×" + threads + ")" : "", cores * 100);
        }
    }

    private ThreadCpu() {
    }

    /** The threads of {@code pid} now; empty once the process is gone. */
    public static Snapshot snapshot(long pid) {
        Map<Long, Task> threads = new HashMap<>();
        long now = System.nanoTime();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    // The name (field 2) may hold spaces and parentheses: count fields after its last ')'.
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    threads.put(Long.parseLong(task.getFileName().toString()),
                            new Task(name, Long.parseLong(fields[11]) + Long.parseLong(fields[12])));
                } catch (IOException | RuntimeException e) {
                    // The thread ended while being read.
                }
            }
        } catch (IOException e) {
            return new Snapshot(now, Map.of());
        }
        return new Snapshot(now, threads);
    }

    /** Each thread name's share of one core from {@code before} to {@code after}, the largest first. */
    public static List<Share> between(Snapshot before, Snapshot after) {
        double seconds = (after.nanoTime() - before.nanoTime()) / 1e9;
        Map<String, long[]> byName = new LinkedHashMap<>();
        after.threads().forEach((id, thread) -> {
            Task then = before.threads().get(id);
            long ticks = thread.ticks() - (then == null ? 0 : then.ticks());
            long[] sum = byName.computeIfAbsent(thread.name(), n -> new long[2]);
            sum[0] += ticks;
            sum[1]++;
        });
        List<Share> shares = new ArrayList<>();
        byName.forEach((name, sum) -> shares.add(new Share(name, (int) sum[1],
                sum[0] / (double) TICKS_PER_SECOND / Math.max(seconds, 1e-9))));
        shares.sort(Comparator.comparingDouble(Share::cores).reversed());
        return shares;
    }

    /**
     * The {@code top} largest shares by name, then the rest summed as "others", e.g.
     * {@code "QuantumRenderer 9.0 %, DecodingThread 8.1 %, …, others 3.2 %"}; shares under 0.5 % are left out.
     */
    public static String summary(List<Share> shares, int top) {
        List<String> parts = new ArrayList<>();
        double others = 0;
        for (int i = 0; i < shares.size(); i++) {
            Share share = shares.get(i);
            if (i < top && share.cores() >= 0.005) {
                parts.add(share.toString());
            } else {
                others += share.cores();
            }
        }
        if (others >= 0.005) {
            parts.add(String.format("others %.1f %%", others * 100));
        }
        return String.join(", ", parts);
    }
}
