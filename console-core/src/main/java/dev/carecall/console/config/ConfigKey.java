package dev.carecall.console.config;

/** The keys of {@code console.properties}, the settings file in the per-user and the machine-wide place. */
public enum ConfigKey {
    /** The server address, e.g. {@code https://clinic.example.org}. */
    SERVER_URL("server.url"),
    /** Path to a PEM file with an extra CA to trust, for a clinic's own TLS certificates. */
    TLS_CA_CERTIFICATE("tls.caCertificate"),
    /**
     * {@code true}: calls use TURN relays only. IT's diagnosis switch for a network where direct paths misbehave;
     * no screen offers it, so no doctor turns it on by accident.
     */
    ICE_RELAY_ONLY("ice.relayOnly"),
    /** The camera's name, as the settings view lists it. */
    DEVICE_CAMERA("device.camera"),
    /** The microphone's name. */
    DEVICE_MICROPHONE("device.microphone"),
    /** The speaker's name. */
    DEVICE_SPEAKER("device.speaker"),
    /** The console's language as a tag ({@code en}, {@code de}); unset means the system's, else English. */
    UI_LANGUAGE("ui.language"),
    /**
     * {@code true}: while a call's quality stays poor, the console turns the doctor's camera off by itself (the sound
     * goes on); otherwise it only suggests it. Written by the settings view.
     */
    CALL_AUTO_VIDEO_OFF("call.autoVideoOff"),
    /** The user name that signed in last; per-user only. */
    SIGN_IN_LAST_USERNAME("signIn.lastUsername"),
    /** {@code false}: no knock sound when a patient waits (the banner and notification stay). Unset: on. */
    WAITING_KNOCK_SOUND("waiting.knockSound"),
    /** The knock's volume, 0 to 100. Unset: 60. */
    WAITING_KNOCK_VOLUME("waiting.knockVolume");

    private final String key;

    ConfigKey(String key) {
        this.key = key;
    }

    /** The key as written in the file. */
    public String key() {
        return key;
    }
}
