package dev.carecall.bench.process;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BackendProcessTest {
    private static final Path OPTIONS = Path.of("..", "signaling-backend", "jvm.options");

    /** The benchmark must run the backend with the options a clinic's {@code java @jvm.options} gets, no others. */
    @Test
    void theBenchmarkReadsTheOptionsFileAsTheJavaLauncherDoes() throws Exception {
        List<String> options = BackendProcess.optionsFile(OPTIONS);
        assertTrue(options.contains("-Xmx512m"), options.toString());
        assertTrue(options.stream().noneMatch(o -> o.contains("#")), options.toString());

        List<String> launcher = new ArrayList<>(List.of(BackendProcess.javaBinary(), "@" + OPTIONS));
        List<String> ours = new ArrayList<>(List.of(BackendProcess.javaBinary()));
        ours.addAll(options);
        assertEquals(flags(launcher), flags(ours));
    }

    /** The flags the JVM says it was given, which is how both readings are compared. */
    private static String flags(List<String> command) throws Exception {
        List<String> full = new ArrayList<>(command);
        full.addAll(List.of("-XX:+PrintCommandLineFlags", "-version"));
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "java -version did not finish");
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), out);
        return out.lines().filter(line -> line.startsWith("-XX:")).findFirst().orElseThrow();
    }
}
