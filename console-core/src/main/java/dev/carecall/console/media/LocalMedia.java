package dev.carecall.console.media;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.AudioDevice;
import dev.onvoid.webrtc.media.audio.AudioDeviceModule;
import dev.onvoid.webrtc.media.audio.AudioDeviceModuleBase;
import dev.onvoid.webrtc.media.audio.AudioOptions;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.AudioTrackSource;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import dev.onvoid.webrtc.media.video.VideoCaptureCapability;
import dev.onvoid.webrtc.media.video.VideoDesktopSource;
import dev.onvoid.webrtc.media.video.VideoDevice;
import dev.onvoid.webrtc.media.video.VideoDeviceSource;
import dev.onvoid.webrtc.media.video.VideoTrack;

import java.util.Comparator;
import java.util.List;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The native media of one call: a {@link PeerConnectionFactory} with its audio device module, one microphone track,
 * one camera track (a real camera, or the synthetic one when none is chosen, found or startable) and, while sharing,
 * a screen track. Created on the call's thread, closed on it.
 *
 * <p>A missing device is not an error: the call goes on with what there is, and {@code warnings} receives a
 * plain-language sentence for the user. {@link #close()} disposes tracks, sources, audio module and factory in that
 * order; the caller must have released its peer connection before.
 */
public final class LocalMedia implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LocalMedia.class.getName());
    /** webrtc's id for "the whole desktop" (all screens). */
    private static final long FULL_DESKTOP = -1;

    private final Consumer<String> warnings;
    private final String otherParty;
    private final AudioDeviceModuleBase audioModule;
    private final PeerConnectionFactory factory;
    private final AudioTrackSource audioSource;
    private final AudioTrack audioTrack;
    private final boolean microphone;
    private final boolean realCamera;
    private VideoDeviceSource cameraSource;
    private SyntheticCamera syntheticCamera;
    private final VideoTrack cameraTrack;
    private VideoDesktopSource screenSource;
    private VideoTrack screenTrack;

    private LocalMedia(MediaSettings settings, String label, String otherParty, Consumer<String> warnings) {
        this.warnings = warnings;
        this.otherParty = otherParty;
        boolean headless = switch (settings.audio()) {
            case HEADLESS -> true;
            case DEVICES -> false;
            case AUTO -> !audioDevicesPresent();
        };
        audioModule = headless ? new HeadlessAudioDeviceModule() : platformAudio(settings);
        factory = new PeerConnectionFactory(audioModule);
        microphone = settings.audio() != MediaSettings.AudioMode.AUTO || !headless;
        // A source from the factory is fed by the audio module's own capture thread (silence when headless);
        // pushing audio from a Java thread through CustomAudioSource aborts the JVM with the headless module.
        AudioOptions options = new AudioOptions();
        options.echoCancellation = !headless;
        options.noiseSuppression = !headless;
        options.autoGainControl = !headless;
        options.highpassFilter = !headless;
        audioSource = factory.createAudioSource(options);
        audioTrack = factory.createAudioTrack("carecall-audio", audioSource);

        VideoDevice camera = settings.syntheticCamera() ? null : chooseCamera(settings.camera());
        if (camera != null) {
            cameraSource = startCamera(camera);
        }
        realCamera = cameraSource != null;
        if (realCamera) {
            cameraTrack = factory.createVideoTrack("carecall-video", cameraSource);
        } else {
            syntheticCamera = new SyntheticCamera(settings.syntheticCamera() ? label : "No camera found");
            cameraTrack = factory.createVideoTrack("carecall-video", syntheticCamera.source());
            syntheticCamera.start();
        }
    }

    /**
     * Opens the media of a call.
     *
     * @param settings which devices
     * @param label      shown on the synthetic camera's picture ("Doctor", "Patient")
     * @param otherParty how the warnings name the other side ("the patient")
     * @param warnings   receives plain-language sentences about missing devices
     */
    public static LocalMedia open(MediaSettings settings, String label, String otherParty,
                                  Consumer<String> warnings) {
        return new LocalMedia(settings, label, otherParty, warnings);
    }

    /** The factory to create the peer connection with. */
    public PeerConnectionFactory factory() {
        return factory;
    }

    /** The microphone (silence when headless). */
    public AudioTrack audioTrack() {
        return audioTrack;
    }

    /** The camera, real or synthetic. */
    public VideoTrack cameraTrack() {
        return cameraTrack;
    }

    /** False when no microphone exists and silence is sent instead. */
    public boolean hasMicrophone() {
        return microphone;
    }

    /** False when the synthetic picture stands in for a missing camera. */
    public boolean hasRealCamera() {
        return realCamera;
    }

    /**
     * Starts capturing the whole desktop and returns its track, or null (after a warning) where screens cannot be
     * captured. Calling it again while sharing returns the same track.
     */
    public VideoTrack startScreen() {
        if (screenTrack != null) {
            return screenTrack;
        }
        if (!screenCaptureAvailable()) {
            warnings.accept("Screen sharing is not available on this computer: no screen to share was found.");
            return null;
        }
        try {
            screenSource = new VideoDesktopSource();
            screenSource.setSourceId(FULL_DESKTOP, false);
            screenSource.setFrameRate(15);
            screenSource.setMaxFrameSize(1920, 1080);
            screenSource.start();
            screenTrack = factory.createVideoTrack("carecall-screen", screenSource);
            return screenTrack;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "screen capture failed", e);
            warnings.accept("Your screen could not be shared. Try again, or describe it in words.");
            stopScreen();
            return null;
        }
    }

    /** Stops capturing the screen and frees its track and source (after the sender no longer uses it). */
    public void stopScreen() {
        if (screenSource != null) {
            quietly("stop screen capture", screenSource::stop);
        }
        if (screenTrack != null) {
            VideoTrack track = screenTrack;
            quietly("dispose screen track", track::dispose);
            screenTrack = null;
        }
        if (screenSource != null) {
            VideoDesktopSource source = screenSource;
            quietly("dispose screen source", source::dispose);
            screenSource = null;
        }
    }

    /** Disposes tracks, sources, audio module and factory, in that order. */
    @Override
    public void close() {
        if (syntheticCamera != null) {
            syntheticCamera.close();
        }
        if (cameraSource != null) {
            quietly("stop camera", cameraSource::stop);
        }
        if (screenSource != null) {
            quietly("stop screen capture", screenSource::stop);
        }
        quietly("dispose microphone track", audioTrack::dispose);
        quietly("dispose camera track", cameraTrack::dispose);
        if (screenTrack != null) {
            quietly("dispose screen track", screenTrack::dispose);
        }
        if (syntheticCamera != null) {
            quietly("dispose test picture source", syntheticCamera.source()::dispose);
        }
        if (cameraSource != null) {
            quietly("dispose camera source", cameraSource::dispose);
        }
        if (screenSource != null) {
            quietly("dispose screen source", screenSource::dispose);
        }
        quietly("release microphone source", () -> NativeRefs.release(audioSource));
        quietly("dispose audio module", audioModule::dispose);
        quietly("dispose factory", factory::dispose);
    }

    private boolean audioDevicesPresent() {
        boolean microphones = !MediaDevices.microphones().isEmpty();
        boolean speakers = !MediaDevices.speakers().isEmpty();
        if (!microphones) {
            warnings.accept("No microphone was found, so " + otherParty + " cannot hear you. You can still see each "
                    + "other and use the chat.");
        }
        if (!speakers) {
            warnings.accept("No speaker or headset was found, so you cannot hear " + otherParty + ". Connect one and "
                    + "start the call again, or use the chat.");
        }
        return microphones && speakers;
    }

    private static AudioDeviceModuleBase platformAudio(MediaSettings settings) {
        AudioDeviceModule module = new AudioDeviceModule();
        try {
            if (settings.microphone() != null) {
                byName(module.getRecordingDevices(), settings.microphone()).ifPresent(module::setRecordingDevice);
            }
            if (settings.speaker() != null) {
                byName(module.getPlayoutDevices(), settings.speaker()).ifPresent(module::setPlayoutDevice);
            }
        } catch (RuntimeException e) {
            // The default devices still work; a stale name in the settings file must not stop the call.
            LOG.log(Level.WARNING, "cannot select the configured audio devices", e);
        }
        return module;
    }

    private static java.util.Optional<AudioDevice> byName(List<AudioDevice> devices, String name) {
        return devices.stream().filter(d -> name.equals(d.getName())).findFirst();
    }

    private VideoDevice chooseCamera(String name) {
        List<VideoDevice> cameras;
        try {
            cameras = dev.onvoid.webrtc.media.MediaDevices.getVideoCaptureDevices();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot list cameras", e);
            cameras = List.of();
        }
        if (cameras == null || cameras.isEmpty()) {
            warnings.accept("No camera was found. " + capitalized(otherParty) + " sees a test picture instead of you.");
            return null;
        }
        return cameras.stream().filter(c -> c.getName().equals(name)).findFirst().orElse(cameras.getFirst());
    }

    private VideoDeviceSource startCamera(VideoDevice camera) {
        VideoDeviceSource source = new VideoDeviceSource();
        try {
            source.setVideoCaptureDevice(camera);
            bestCapability(camera).ifPresent(source::setVideoCaptureCapability);
            source.start();
            return source;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "camera " + camera.getName() + " did not start", e);
            warnings.accept("Your camera could not be started. It may be in use by another program: close that "
                    + "program and start the call again. Until then " + otherParty + " sees a test picture.");
            quietly("dispose camera source", source::dispose);
            return null;
        }
    }

    /** Up to 1280x720, as smooth as possible up to 30 frames a second: enough for a consultation. */
    private static java.util.Optional<VideoCaptureCapability> bestCapability(VideoDevice camera) {
        List<VideoCaptureCapability> all;
        try {
            all = dev.onvoid.webrtc.media.MediaDevices.getVideoCaptureCapabilities(camera);
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
        return all.stream()
                .filter(c -> c.width <= 1280 && c.height <= 720 && c.frameRate >= 15)
                .max(Comparator.<VideoCaptureCapability>comparingInt(c -> c.width * c.height)
                        .thenComparingInt(c -> Math.min(c.frameRate, 30)));
    }

    /**
     * The X display the capture would use: {@code DISPLAY}, or for tests the system property {@value #DISPLAY_PROPERTY}
     * (the environment of a running JVM cannot be changed, and the check is what is under test).
     */
    static final String DISPLAY_PROPERTY = "carecall.screenShare.display";

    /**
     * webrtc's X11 capturer crashes the JVM natively when there is no X display, or when {@code DISPLAY} names one
     * that does not answer; so the display is reached first. Wayland sessions go through the desktop portal.
     */
    private static boolean screenCaptureAvailable() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return true;
        }
        String display = System.getProperty(DISPLAY_PROPERTY, System.getenv("DISPLAY"));
        if (display == null || display.isBlank()) {
            return System.getenv("WAYLAND_DISPLAY") != null && System.getProperty(DISPLAY_PROPERTY) == null;
        }
        boolean reachable = xDisplayReachable(display);
        if (!reachable) {
            LOG.warning(() -> "no X server answers at DISPLAY=" + display + "; screen sharing is off");
        }
        return reachable;
    }

    /**
     * Whether an X server accepts a connection at {@code display} ({@code :0}, {@code :1.0}, {@code unix:2},
     * {@code host:10.0}): the local socket {@code /tmp/.X11-unix/X<n>}, or TCP port 6000+n on a named host.
     */
    static boolean xDisplayReachable(String display) {
        int colon = display.lastIndexOf(':');
        if (colon < 0) {
            return false;
        }
        String host = display.substring(0, colon);
        String number = display.substring(colon + 1);
        int dot = number.indexOf('.');
        if (dot >= 0) {
            number = number.substring(0, dot);
        }
        int n;
        try {
            n = Integer.parseInt(number);
        } catch (NumberFormatException e) {
            return false;
        }
        if (n < 0 || n > 59_535) {
            return false;
        }
        if (host.isEmpty() || host.equals("unix")) {
            Path socket = Path.of("/tmp/.X11-unix", "X" + n);
            if (!Files.exists(socket)) {
                return false;
            }
            try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                return channel.connect(UnixDomainSocketAddress.of(socket));
            } catch (IOException e) {
                return false;
            }
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, 6000 + n), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static void quietly(String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException | Error e) {
            // One failed step must not keep the later ones from freeing their part.
            LOG.log(Level.WARNING, "cannot " + what, e);
        }
    }
}
