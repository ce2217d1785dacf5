package dev.carecall.console.call;

import dev.carecall.console.media.FrameFeed;
import dev.carecall.console.media.LocalMedia;
import dev.carecall.console.media.MediaProblem;
import dev.carecall.console.media.MediaSettings;
import dev.onvoid.webrtc.media.video.VideoTrack;

import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This side's media during a call: the {@link LocalMedia} (opened at Start or Join, closed when the call ends), the
 * wishes that outlive it (microphone and camera on or off, sharing the screen), and which track the preview shows.
 * Confined to the call's executor.
 */
final class OwnMedia {
    private static final Logger LOG = Logger.getLogger(OwnMedia.class.getName());

    private final MediaSettings settings;
    private final String label;
    private final FrameFeed preview;
    private LocalMedia media;
    private VideoTrack previewTrack;
    private boolean microphoneOn = true;
    private boolean cameraOn = true;
    private boolean sharingScreen;

    /**
     * @param settings which devices
     * @param label    the test picture's label ("Doctor", "Patient")
     * @param preview  where this side's own picture goes
     */
    OwnMedia(MediaSettings settings, String label, FrameFeed preview) {
        this.settings = settings;
        this.label = label;
        this.preview = preview;
    }

    /**
     * Opens camera and microphone unless they are open; false when the native media cannot be opened at all (the
     * log has why). Each device the call goes on without is told to {@code problems}.
     */
    boolean open(Consumer<MediaProblem> problems) {
        if (media != null) {
            return true;
        }
        try {
            media = LocalMedia.open(settings, label, problems);
        } catch (RuntimeException | LinkageError e) {
            LOG.log(Level.SEVERE, "cannot open camera and microphone", e);
            return false;
        }
        // Without a microphone the audio module is the headless one, whose "capture" may be what it plays out: the
        // patient's own voice would go back to them. Nothing is sent instead, as the other party is told.
        media.audioTrack().setEnabled(sendsAudio());
        media.cameraTrack().setEnabled(cameraOn);
        showPreview(media.cameraTrack());
        return true;
    }

    boolean isOpen() {
        return media != null;
    }

    /** The open media, for a peer connection; null between calls. */
    LocalMedia media() {
        return media;
    }

    void setMicrophone(boolean on) {
        microphoneOn = on;
        if (media != null) {
            media.audioTrack().setEnabled(sendsAudio());
        }
    }

    void setCamera(boolean on) {
        cameraOn = on;
        if (media != null) {
            media.cameraTrack().setEnabled(on);
        }
    }

    /** What the other party should be told: the microphone is on and exists. */
    boolean sendsAudio() {
        return microphoneOn && media != null && media.hasMicrophone();
    }

    boolean cameraOn() {
        return cameraOn;
    }

    boolean sharingScreen() {
        return sharingScreen;
    }

    /**
     * The video track a new peer connection sends: the screen when sharing is on and capture starts again, else the
     * camera. Sharing is off afterwards when capture did not start ({@link #sharingScreen()} tells).
     */
    VideoTrack outgoingVideo() {
        VideoTrack video = sharingScreen ? media.startScreen() : media.cameraTrack();
        if (video == null) {
            sharingScreen = false;
            video = media.cameraTrack();
        }
        return video;
    }

    /**
     * Switches between screen and camera; returns the track to send now, or null when nothing changed (no call, or
     * the screen capture did not start: {@link LocalMedia} has reported why).
     */
    VideoTrack switchScreen(boolean enabled) {
        if (media == null || enabled == sharingScreen) {
            return null;
        }
        VideoTrack outgoing = enabled ? media.startScreen() : media.cameraTrack();
        if (outgoing == null) {
            return null;
        }
        showPreview(outgoing);
        sharingScreen = enabled;
        return outgoing;
    }

    /** Frees the screen capture after the sender switched back to the camera. */
    void screenReleased() {
        if (media != null && !sharingScreen) {
            media.stopScreen();
        }
    }

    /** Closes the media (the call ended); returns whether the screen was being shared. */
    boolean close() {
        showPreview(null);
        boolean wasSharing = sharingScreen;
        sharingScreen = false;
        if (media != null) {
            LocalMedia closing = media;
            media = null;
            closing.close();
        }
        return wasSharing;
    }

    private void showPreview(VideoTrack track) {
        if (previewTrack != null) {
            previewTrack.removeSink(preview);
        }
        previewTrack = track;
        if (track != null) {
            track.addSink(preview);
        }
    }
}
