package dev.carecall.console.media;

import dev.onvoid.webrtc.media.audio.AudioDevice;
import dev.onvoid.webrtc.media.audio.AudioDeviceModule;
import dev.onvoid.webrtc.media.audio.AudioDeviceModuleBase;
import dev.onvoid.webrtc.media.video.VideoCaptureCapability;
import dev.onvoid.webrtc.media.video.VideoDevice;
import dev.onvoid.webrtc.media.video.VideoDeviceSource;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Picks and opens the devices a call uses: the audio module with the chosen microphone and speaker, and the chosen
 * camera at a size fit for a consultation. What is missing or does not start is reported as a {@link MediaProblem},
 * never thrown: the call goes on with what there is.
 */
final class DeviceChoice {
    private static final Logger LOG = Logger.getLogger(DeviceChoice.class.getName());

    private DeviceChoice() {
    }

    /** True when a microphone and a speaker exist; reports each one that does not. */
    static boolean audioDevicesPresent(Consumer<MediaProblem> problems) {
        boolean microphones = !MediaDevices.microphones().isEmpty();
        boolean speakers = !MediaDevices.speakers().isEmpty();
        if (!microphones) {
            problems.accept(MediaProblem.NO_MICROPHONE);
        }
        if (!speakers) {
            problems.accept(MediaProblem.NO_SPEAKER);
        }
        return microphones && speakers;
    }

    /** The platform's audio module with the configured microphone and speaker where they still exist. */
    static AudioDeviceModuleBase platformAudio(MediaSettings settings) {
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

    /**
     * Starts the camera named {@code name} (or the first one when that is not plugged in), or returns null after
     * reporting why there is none.
     */
    static VideoDeviceSource startCamera(String name, Consumer<MediaProblem> problems) {
        VideoDevice camera = chooseCamera(name);
        if (camera == null) {
            problems.accept(MediaProblem.NO_CAMERA);
            return null;
        }
        VideoDeviceSource source = new VideoDeviceSource();
        try {
            source.setVideoCaptureDevice(camera);
            bestCapability(camera).ifPresent(source::setVideoCaptureCapability);
            source.start();
            return source;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "camera " + camera.getName() + " did not start", e);
            problems.accept(MediaProblem.CAMERA_NOT_STARTED);
            try {
                source.dispose();
            } catch (RuntimeException | Error disposal) {
                LOG.log(Level.WARNING, "cannot dispose camera source", disposal);
            }
            return null;
        }
    }

    private static VideoDevice chooseCamera(String name) {
        List<VideoDevice> cameras;
        try {
            cameras = dev.onvoid.webrtc.media.MediaDevices.getVideoCaptureDevices();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot list cameras", e);
            return null;
        }
        if (cameras == null || cameras.isEmpty()) {
            return null;
        }
        return cameras.stream().filter(c -> c.getName().equals(name)).findFirst().orElse(cameras.getFirst());
    }

    /** Up to 1280x720, as smooth as possible up to 30 frames a second: enough for a consultation. */
    private static Optional<VideoCaptureCapability> bestCapability(VideoDevice camera) {
        List<VideoCaptureCapability> all;
        try {
            all = dev.onvoid.webrtc.media.MediaDevices.getVideoCaptureCapabilities(camera);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
        return all.stream()
                .filter(c -> c.width <= 1280 && c.height <= 720 && c.frameRate >= 15)
                .max(Comparator.<VideoCaptureCapability>comparingInt(c -> c.width * c.height)
                        .thenComparingInt(c -> Math.min(c.frameRate, 30)));
    }

    private static Optional<AudioDevice> byName(List<AudioDevice> devices, String name) {
        return devices.stream().filter(d -> name.equals(d.getName())).findFirst();
    }
}
