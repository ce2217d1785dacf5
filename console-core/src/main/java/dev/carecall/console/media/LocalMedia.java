package dev.carecall.console.media;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.AudioDeviceModuleBase;
import dev.onvoid.webrtc.media.audio.AudioOptions;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.audio.AudioTrackSource;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import dev.onvoid.webrtc.media.video.VideoDesktopSource;
import dev.onvoid.webrtc.media.video.VideoDeviceSource;
import dev.onvoid.webrtc.media.video.VideoTrack;

import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The native media of one call: a {@link PeerConnectionFactory} with its audio device module, one microphone track,
 * one camera track (a real camera, or the synthetic one when none is chosen, found or startable) and, while sharing,
 * a screen track. Created on the call's thread, closed on it.
 *
 * <p>A missing device is not an error: the call goes on with what there is, and {@code problems} is told which
 * ({@link MediaProblem}); {@link DeviceChoice} picks the devices. {@link #close()} disposes tracks, sources, audio
 * module and factory in that order; the caller must have released its peer connection before.
 */
public final class LocalMedia implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LocalMedia.class.getName());
    /** webrtc's id for "the whole desktop" (all screens). */
    private static final long FULL_DESKTOP = -1;

    private final Consumer<MediaProblem> problems;
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

    private LocalMedia(MediaSettings settings, String label, Consumer<MediaProblem> problems) {
        this.problems = problems;
        boolean headless = switch (settings.audio()) {
            case HEADLESS -> true;
            case DEVICES -> false;
            case AUTO -> !DeviceChoice.audioDevicesPresent(problems);
        };
        audioModule = headless ? new HeadlessAudioDeviceModule() : DeviceChoice.platformAudio(settings);
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

        if (!settings.syntheticCamera()) {
            cameraSource = DeviceChoice.startCamera(settings.camera(), problems);
        }
        realCamera = cameraSource != null;
        if (realCamera) {
            cameraTrack = factory.createVideoTrack("carecall-video", cameraSource);
        } else {
            // Without a camera the picture shows a crossed-out camera instead of words the other party may not read.
            syntheticCamera = new SyntheticCamera(settings.syntheticCamera() ? label : null);
            cameraTrack = factory.createVideoTrack("carecall-video", syntheticCamera.source());
            syntheticCamera.start();
        }
    }

    /**
     * Opens the media of a call.
     *
     * @param settings which devices
     * @param label    shown on the test picture when {@link MediaSettings#syntheticCamera()} asks for it
     *                 ("Doctor", "Patient": tests tell the two sides apart by it)
     * @param problems told about each device the call goes on without
     */
    public static LocalMedia open(MediaSettings settings, String label, Consumer<MediaProblem> problems) {
        return new LocalMedia(settings, label, problems);
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
     * Starts capturing the whole desktop and returns its track, or null (after a problem) where screens cannot be
     * captured. Calling it again while sharing returns the same track.
     */
    public VideoTrack startScreen() {
        if (screenTrack != null) {
            return screenTrack;
        }
        if (!XDisplay.captureAvailable()) {
            problems.accept(MediaProblem.NO_SCREEN);
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
            problems.accept(MediaProblem.SCREEN_NOT_SHARED);
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

    private static void quietly(String what, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException | Error e) {
            // One failed step must not keep the later ones from freeing their part.
            LOG.log(Level.WARNING, "cannot " + what, e);
        }
    }
}
