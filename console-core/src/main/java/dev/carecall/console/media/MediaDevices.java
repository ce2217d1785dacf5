package dev.carecall.console.media;

import dev.onvoid.webrtc.media.Device;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The cameras, microphones and speakers of this computer, by name, for the settings view and for
 * {@link MediaSettings}. Never throws: a device kind that cannot be listed is reported as empty (and logged).
 */
public final class MediaDevices {
    private static final Logger LOG = Logger.getLogger(MediaDevices.class.getName());

    private MediaDevices() {
    }

    /** Camera names, in the system's order. */
    public static List<String> cameras() {
        return names("cameras", dev.onvoid.webrtc.media.MediaDevices::getVideoCaptureDevices);
    }

    /** Microphone names; empty where there is no sound system. */
    public static List<String> microphones() {
        return soundSystemRunning()
                ? names("microphones", dev.onvoid.webrtc.media.MediaDevices::getAudioCaptureDevices) : List.of();
    }

    /** Speaker names; empty where there is no sound system. */
    public static List<String> speakers() {
        return soundSystemRunning()
                ? names("speakers", dev.onvoid.webrtc.media.MediaDevices::getAudioRenderDevices) : List.of();
    }

    /** True when a microphone and a speaker exist, so the platform audio module can be used. */
    public static boolean hasAudioDevices() {
        return !microphones().isEmpty() && !speakers().isEmpty();
    }

    /**
     * On Linux webrtc-java lists audio devices through PulseAudio, and asking it without a running sound server
     * aborts the JVM from a native thread (seen on CI machines and servers). So look for the server's socket first,
     * the way libpulse itself would find it. Windows and macOS always have their sound system.
     */
    static boolean soundSystemRunning() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return true;
        }
        if (System.getenv("PULSE_SERVER") != null) {
            return true;
        }
        String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
        if (runtimeDir != null && Files.exists(Path.of(runtimeDir, "pulse", "native"))) {
            return true;
        }
        return Files.exists(Path.of("/run/user", String.valueOf(uid()), "pulse", "native"))
                || Files.exists(Path.of("/var/run/pulse/native"));
    }

    private static long uid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return Long.parseLong(line.substring(4).trim().split("\\s+")[0]);
                }
            }
        } catch (Exception e) {
            LOG.log(Level.FINE, "cannot read own uid", e);
        }
        return -1;
    }

    private static List<String> names(String kind, Supplier<List<? extends Device>> lister) {
        try {
            List<? extends Device> devices = lister.get();
            return devices == null ? List.of() : devices.stream().map(Device::getName).toList();
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.WARNING, "cannot list " + kind, e);
            return List.of();
        }
    }
}
