package dev.carecall.console.settings;

import dev.carecall.console.config.ConfigKey;
import dev.carecall.console.config.ConsoleConfig;
import dev.carecall.console.fx.Fx;
import dev.carecall.console.fx.PlainLanguage;
import dev.carecall.console.media.MediaDevices;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Camera, microphone and speaker choice. The lists come from {@link MediaDevices} off the FX thread (the native
 * device enumeration can take a moment); the choice is saved to the per-user file and used by the next call.
 */
public final class SettingsViewModel {
    /** The first entry of each list: let the system decide. */
    public static final String SYSTEM_DEFAULT = "System default";

    private final ConsoleConfig config;
    private final ObservableList<String> cameras = FXCollections.observableArrayList();
    private final ObservableList<String> microphones = FXCollections.observableArrayList();
    private final ObservableList<String> speakers = FXCollections.observableArrayList();
    private final ObjectProperty<String> camera = new SimpleObjectProperty<>(this, "camera", SYSTEM_DEFAULT);
    private final ObjectProperty<String> microphone = new SimpleObjectProperty<>(this, "microphone", SYSTEM_DEFAULT);
    private final ObjectProperty<String> speaker = new SimpleObjectProperty<>(this, "speaker", SYSTEM_DEFAULT);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading", true);
    private final ReadOnlyStringWrapper warning = new ReadOnlyStringWrapper(this, "warning", "");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");

    private record Devices(List<String> cameras, List<String> microphones, List<String> speakers) {
    }

    public SettingsViewModel(ConsoleConfig config) {
        this.config = config;
    }

    /** Lists the devices. */
    public void load() {
        loading.set(true);
        Fx.background(() -> new Devices(MediaDevices.cameras(), MediaDevices.microphones(), MediaDevices.speakers()),
                this::loaded, failure -> {
                    loading.set(false);
                    warning.set(PlainLanguage.describe(failure));
                });
    }

    private void loaded(Devices devices) {
        loading.set(false);
        fill(cameras, camera, devices.cameras(), ConfigKey.DEVICE_CAMERA);
        fill(microphones, microphone, devices.microphones(), ConfigKey.DEVICE_MICROPHONE);
        fill(speakers, speaker, devices.speakers(), ConfigKey.DEVICE_SPEAKER);
        List<String> missing = new ArrayList<>();
        if (devices.cameras().isEmpty()) {
            missing.add("No camera was found: the patient will hear you and see a test picture instead of you.");
        }
        if (devices.microphones().isEmpty()) {
            missing.add("No microphone was found: the patient will see you but not hear you; use the chat.");
        }
        if (devices.speakers().isEmpty()) {
            missing.add("No speaker was found: you will not hear the patient; use the chat.");
        }
        warning.set(String.join("\n", missing));
    }

    private void fill(ObservableList<String> list, ObjectProperty<String> choice, List<String> names, ConfigKey key) {
        List<String> all = new ArrayList<>();
        all.add(SYSTEM_DEFAULT);
        all.addAll(names);
        String saved = config.device(key).orElse(null);
        if (saved != null && !names.contains(saved)) {
            // Keep a remembered device that is unplugged now: plugging it in again should just work.
            all.add(saved);
        }
        list.setAll(all);
        choice.set(saved == null ? SYSTEM_DEFAULT : saved);
    }

    /** Saves the three choices to the per-user file. */
    public void save() {
        Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);
        values.put(ConfigKey.DEVICE_CAMERA, chosen(camera.get()));
        values.put(ConfigKey.DEVICE_MICROPHONE, chosen(microphone.get()));
        values.put(ConfigKey.DEVICE_SPEAKER, chosen(speaker.get()));
        Fx.background(() -> {
            config.remember(values);
            return null;
        }, done -> status.set("Saved. Your next call uses these devices."),
                failure -> status.set("Your choice could not be saved. Check that your home folder is writable."));
    }

    private static String chosen(String name) {
        return name == null || SYSTEM_DEFAULT.equals(name) ? null : name;
    }

    public ObservableList<String> cameras() {
        return cameras;
    }

    public ObservableList<String> microphones() {
        return microphones;
    }

    public ObservableList<String> speakers() {
        return speakers;
    }

    /** The chosen camera (an input the combo box writes). */
    public ObjectProperty<String> cameraProperty() {
        return camera;
    }

    public ObjectProperty<String> microphoneProperty() {
        return microphone;
    }

    public ObjectProperty<String> speakerProperty() {
        return speaker;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** What is missing (no camera, no microphone...), in plain language, or empty. */
    public ReadOnlyStringProperty warningProperty() {
        return warning.getReadOnlyProperty();
    }

    /** "Saved..." after saving, or empty. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
