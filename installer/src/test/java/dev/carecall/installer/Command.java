package dev.carecall.installer;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One system command (dpkg, xdotool, import) run to completion with its output captured. Output goes through a file
 * rather than a pipe so that a command which hangs cannot also block the reader: the timeout always applies.
 *
 * @param exitCode the command's exit code
 * @param output   stdout and stderr, interleaved
 */
record Command(int exitCode, String output) {

    static Command run(Duration timeout, String... command) {
        try {
            Path log = Files.createTempFile("carecall-installer-", ".log");
            try {
                ProcessBuilder builder = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(log.toFile())
                        .redirectInput(new File("/dev/null"));
                // dpkg must never ask: clinic IT installs on many PCs without touching each one.
                builder.environment().put("DEBIAN_FRONTEND", "noninteractive");
                Process process = builder.start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout
                            + ":\n" + Files.readString(log));
                }
                return new Command(process.exitValue(), Files.readString(log));
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + String.join(" ", command), e);
        }
    }

    /** Runs the command and fails the test, showing its output, unless it exits with 0. */
    static String succeed(Duration timeout, String... command) {
        Command result = run(timeout, command);
        if (result.exitCode != 0) {
            throw new AssertionError(String.join(" ", command) + " exited with " + result.exitCode + ":\n"
                    + result.output);
        }
        return result.output;
    }

    List<String> lines() {
        return output.lines().toList();
    }
}
