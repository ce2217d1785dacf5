package dev.carecall.console.media;

/**
 * Which devices a call uses. Names are the ones {@link MediaDevices} lists; null means the system default.
 *
 * @param camera          camera name, or null for the first camera
 * @param microphone      microphone name, or null for the default
 * @param speaker         speaker name, or null for the default
 * @param syntheticCamera send a moving test picture instead of a camera (tests; also used when no camera exists)
 * @param audio           which audio module to use
 */
public record MediaSettings(String camera, String microphone, String speaker, boolean syntheticCamera,
                            AudioMode audio) {

    /** Which webrtc-java audio device module a call uses. */
    public enum AudioMode {
        /** Real devices when the system has a microphone and a speaker, otherwise {@link #HEADLESS}. */
        AUTO,
        /** The platform's devices (PulseAudio, WASAPI, CoreAudio). */
        DEVICES,
        /**
         * No devices: silence is sent and received audio is dropped. The only choice on machines without sound
         * hardware, where the platform module would abort the JVM.
         */
        HEADLESS
    }

    public MediaSettings {
        audio = audio == null ? AudioMode.AUTO : audio;
    }

    /** Default camera, microphone and speaker; headless audio when there is no sound hardware. */
    public static MediaSettings defaults() {
        return new MediaSettings(null, null, null, false, AudioMode.AUTO);
    }

    /** Test picture and headless audio: what tests and machines without devices use. */
    public static MediaSettings synthetic() {
        return new MediaSettings(null, null, null, true, AudioMode.HEADLESS);
    }
}
