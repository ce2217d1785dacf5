package dev.carecall.console.settings;

import dev.carecall.console.config.ConfigKey;
import dev.carecall.console.config.ConsoleConfig;
import dev.carecall.console.fx.Fx;
import dev.carecall.console.fx.PlainLanguage;
import dev.carecall.console.i18n.Language;
import dev.carecall.console.i18n.Texts;
import dev.carecall.console.media.MediaDevices;
import dev.carecall.console.waitingroom.Alerts;
import dev.carecall.console.waitingroom.KnockSettings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Camera, microphone, speaker and language. The device lists come from {@link MediaDevices} off the FX thread (the
 * native device enumeration can take a moment); the choice is saved to the per-user file. Devices are used by the
 * next call; a new language applies at once ({@code onLanguageChanged}).
 */
public final class SettingsViewModel {
    private final ConsoleConfig config;
    private final Texts texts;
    private final Consumer<Language> onLanguageChanged;
    private final String systemDefault;
    private final ObservableList<String> cameras = FXCollections.observableArrayList();
    private final ObservableList<String> microphones = FXCollections.observableArrayList();
    private final ObservableList<String> speakers = FXCollections.observableArrayList();
    private final ObservableList<Language> languages =
            FXCollections.unmodifiableObservableList(FXCollections.observableArrayList(Language.values()));
    private final ObjectProperty<String> camera;
    private final ObjectProperty<String> microphone;
    private final ObjectProperty<String> speaker;
    private final ObjectProperty<Language> language;
    private final Alerts alerts;
    private final BooleanProperty knockSound;
    private final IntegerProperty knockVolume;
    private final BooleanProperty autoVideoOff;
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading", true);
    private final ReadOnlyStringWrapper warning = new ReadOnlyStringWrapper(this, "warning", "");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");

    private record Devices(List<String> cameras, List<String> microphones, List<String> speakers) {
    }

    /**
     * @param config            where the choices are read from and saved to
     * @param texts             the console's language now
     * @param onLanguageChanged called on the FX thread after a different language was saved
     */
    public SettingsViewModel(ConsoleConfig config, Texts texts, Consumer<Language> onLanguageChanged) {
        this(config, texts, onLanguageChanged, Alerts.silent());
    }

    /** As above, with the knock the settings' "Play knock" plays. */
    public SettingsViewModel(ConsoleConfig config, Texts texts, Consumer<Language> onLanguageChanged, Alerts alerts) {
        this.alerts = alerts;
        KnockSettings knock = KnockSettings.from(config);
        this.knockSound = new SimpleBooleanProperty(this, "knockSound", knock.enabled());
        this.knockVolume = new SimpleIntegerProperty(this, "knockVolume", knock.volume());
        this.config = config;
        this.texts = texts;
        this.onLanguageChanged = onLanguageChanged;
        this.systemDefault = texts.get("settings.systemDefault");
        this.camera = new SimpleObjectProperty<>(this, "camera", systemDefault);
        this.microphone = new SimpleObjectProperty<>(this, "microphone", systemDefault);
        this.speaker = new SimpleObjectProperty<>(this, "speaker", systemDefault);
        this.language = new SimpleObjectProperty<>(this, "language", texts.language());
        this.autoVideoOff = new SimpleBooleanProperty(this, "autoVideoOff", config.autoVideoOff());
    }

    /** Lists the devices. */
    public void load() {
        loading.set(true);
        Fx.background(() -> new Devices(MediaDevices.cameras(), MediaDevices.microphones(), MediaDevices.speakers()),
                this::loaded, failure -> {
                    loading.set(false);
                    warning.set(new PlainLanguage(texts).describe(failure));
                });
    }

    private void loaded(Devices devices) {
        loading.set(false);
        fill(cameras, camera, devices.cameras(), ConfigKey.DEVICE_CAMERA);
        fill(microphones, microphone, devices.microphones(), ConfigKey.DEVICE_MICROPHONE);
        fill(speakers, speaker, devices.speakers(), ConfigKey.DEVICE_SPEAKER);
        List<String> missing = new ArrayList<>();
        if (devices.cameras().isEmpty()) {
            missing.add(texts.get("settings.noCamera"));
        }
        if (devices.microphones().isEmpty()) {
            missing.add(texts.get("settings.noMicrophone"));
        }
        if (devices.speakers().isEmpty()) {
            missing.add(texts.get("settings.noSpeaker"));
        }
        warning.set(String.join("\n", missing));
    }

    private void fill(ObservableList<String> list, ObjectProperty<String> choice, List<String> names, ConfigKey key) {
        List<String> all = new ArrayList<>();
        all.add(systemDefault);
        all.addAll(names);
        String saved = config.device(key).orElse(null);
        if (saved != null && !names.contains(saved)) {
            // Keep a remembered device that is unplugged now: plugging it in again should just work.
            all.add(saved);
        }
        list.setAll(all);
        choice.set(saved == null ? systemDefault : saved);
    }

    /** Saves the choices to the per-user file. */
    public void save() {
        Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);
        values.put(ConfigKey.DEVICE_CAMERA, chosen(camera.get()));
        values.put(ConfigKey.DEVICE_MICROPHONE, chosen(microphone.get()));
        values.put(ConfigKey.DEVICE_SPEAKER, chosen(speaker.get()));
        Language chosenLanguage = language.get() == null ? texts.language() : language.get();
        values.put(ConfigKey.UI_LANGUAGE, chosenLanguage.tag());
        values.put(ConfigKey.WAITING_KNOCK_SOUND, String.valueOf(knockSound.get()));
        values.put(ConfigKey.WAITING_KNOCK_VOLUME, String.valueOf(Math.clamp(knockVolume.get(), 0, 100)));
        values.put(ConfigKey.CALL_AUTO_VIDEO_OFF, autoVideoOff.get() ? "true" : null);
        Fx.background(() -> {
            config.remember(values);
            return null;
        }, done -> {
            if (chosenLanguage != texts.language()) {
                onLanguageChanged.accept(chosenLanguage);
            } else {
                confirmSaved();
            }
        }, failure -> status.set(texts.get("settings.notSaved")));
    }

    /** Whether a patient's knock plays a sound. */
    public BooleanProperty knockSoundProperty() {
        return knockSound;
    }

    /** The knock's volume, 0 to 100. */
    public IntegerProperty knockVolumeProperty() {
        return knockVolume;
    }

    /** Plays the knock at the volume on the screen, so the doctor hears what they choose. */
    public void tryKnock() {
        alerts.tryKnock(knockVolume.get());
    }

    /** Says the choices were saved (also after the screen was rebuilt in a newly chosen language). */
    public void confirmSaved() {
        status.set(texts.get("settings.saved"));
    }

    private String chosen(String name) {
        return name == null || systemDefault.equals(name) ? null : name;
    }

    public Texts texts() {
        return texts;
    }

    /** The first entry of each device list, in the console's language: let the system decide. */
    public String systemDefault() {
        return systemDefault;
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

    public ObservableList<Language> languages() {
        return languages;
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

    /** Turn the camera off by itself while a call's quality stays poor (else it is only suggested). */
    public BooleanProperty autoVideoOffProperty() {
        return autoVideoOff;
    }

    /** The chosen language (an input the combo box writes). */
    public ObjectProperty<Language> languageProperty() {
        return language;
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
