package dev.carecall.e2e.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A private PulseAudio server with a null sink, one per test JVM, for Firefox: without any sound output Firefox can
 * neither play a sound (the speaker test) nor run an AudioContext (the level meter), as on a computer without a
 * sound card. Chromium brings fake audio devices of its own and does not use it.
 */
final class SoundServer {
    private static Process process;
    private static Path socket;

    private SoundServer() {
    }

    /** The PULSE_SERVER address for a browser, or empty where PulseAudio is not installed. */
    static synchronized Optional<String> address() {
        if (process != null && process.isAlive()) {
            return Optional.of("unix:" + socket);
        }
        if (!new File("/usr/bin/pulseaudio").canExecute()) {
            return Optional.empty();
        }
        try {
            Path dir = Files.createTempDirectory("carecall-pulse-");
            socket = dir.resolve("native");
            ProcessBuilder builder = new ProcessBuilder(List.of("/usr/bin/pulseaudio", "--daemonize=no", "-n",
                    "--exit-idle-time=-1", "--use-pid-file=no", "--disallow-exit", "--log-target=stderr",
                    "-L", "module-null-sink sink_name=carecall_speaker",
                    "-L", "module-native-protocol-unix socket=" + socket + " auth-anonymous=1"))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("log").toFile());
            builder.environment().put("HOME", dir.toString());
            builder.environment().put("XDG_RUNTIME_DIR", dir.toString());
            process = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> process.destroy()));
            for (int i = 0; i < 100 && !Files.exists(socket); i++) {
                if (!process.isAlive()) {
                    break;
                }
                Thread.sleep(50); // polling interval of a condition wait
            }
            if (!Files.exists(socket)) {
                process.destroy();
                process.waitFor(5, TimeUnit.SECONDS);
                throw new IllegalStateException("PulseAudio did not start: " + Files.readString(dir.resolve("log")));
            }
            return Optional.of("unix:" + socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
