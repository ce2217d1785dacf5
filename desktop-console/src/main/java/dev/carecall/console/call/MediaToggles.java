package dev.carecall.console.call;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * The doctor's own side of a call: microphone and camera as the doctor switched them, the screen share as the
 * engine reports it. The counterpart of {@link RemoteParty}. FX thread only.
 */
public final class MediaToggles {
    private final CallEngine engine;
    private final ReadOnlyBooleanWrapper microphoneOn = new ReadOnlyBooleanWrapper(this, "microphoneOn", true);
    private final ReadOnlyBooleanWrapper cameraOn = new ReadOnlyBooleanWrapper(this, "cameraOn", true);
    private final ReadOnlyBooleanWrapper sharingScreen = new ReadOnlyBooleanWrapper(this, "sharingScreen");

    MediaToggles(CallEngine engine) {
        this.engine = engine;
    }

    /** Turns the doctor's microphone on or off. */
    public void toggleMicrophone() {
        microphoneOn.set(!microphoneOn.get());
        engine.setMicrophoneEnabled(microphoneOn.get());
    }

    /** Turns the doctor's camera on or off. */
    public void toggleCamera() {
        cameraOn.set(!cameraOn.get());
        engine.setCameraEnabled(cameraOn.get());
    }

    /**
     * Shares the screen instead of the camera, or goes back. The button follows what the engine reports
     * ({@link #screenShareChanged}), not this request: capture may fail to start.
     */
    public void toggleScreenShare() {
        engine.setScreenShareEnabled(!sharingScreen.get());
    }

    void screenShareChanged(boolean active) {
        sharingScreen.set(active);
    }

    public ReadOnlyBooleanProperty microphoneOnProperty() {
        return microphoneOn.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty cameraOnProperty() {
        return cameraOn.getReadOnlyProperty();
    }

    /** True while the screen, not the camera, goes to the patient. */
    public ReadOnlyBooleanProperty sharingScreenProperty() {
        return sharingScreen.getReadOnlyProperty();
    }
}
