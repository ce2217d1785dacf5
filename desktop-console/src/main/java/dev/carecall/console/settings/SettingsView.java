package dev.carecall.console.settings;

import dev.carecall.console.i18n.Language;
import dev.carecall.console.i18n.Texts;
import javafx.beans.property.ObjectProperty;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.util.Arrays;

/** Camera, microphone, speaker and language, remembered on this computer. */
public final class SettingsView {
    private final BorderPane root = new BorderPane();

    /**
     * @param model          the choices
     * @param connectionTest the "Test connection" card, or null
     * @param onBack         back to the appointment list
     */
    public SettingsView(SettingsViewModel model, Parent connectionTest, Runnable onBack) {
        Texts texts = model.texts();
        Label title = new Label(texts.get("settings.title"));
        title.getStyleClass().addAll("card-title", "settings-title");
        Label hint = new Label(texts.get("settings.hint"));
        hint.getStyleClass().add("muted");
        hint.setWrapText(true);

        Label warning = new Label();
        warning.setId("devicesWarning");
        warning.getStyleClass().add("notice");
        warning.setWrapText(true);
        warning.setMaxWidth(Double.MAX_VALUE);
        warning.textProperty().bind(model.warningProperty());
        warning.managedProperty().bind(warning.textProperty().isNotEmpty());
        warning.visibleProperty().bind(warning.managedProperty());

        Label status = new Label();
        status.setId("settingsStatus");
        status.getStyleClass().add("info-message");
        status.textProperty().bind(model.statusProperty());
        status.managedProperty().bind(status.textProperty().isNotEmpty());
        status.visibleProperty().bind(status.managedProperty());

        Button save = new Button(texts.get("settings.save"));
        save.setId("saveSettingsButton");
        save.getStyleClass().add("primary");
        save.disableProperty().bind(model.loadingProperty());
        save.setOnAction(e -> model.save());
        Button back = new Button(texts.get("settings.back"));
        back.setId("backButton");
        back.setOnAction(e -> onBack.run());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox buttons = new HBox(10, back, gap, save);

        VBox card = new VBox(10, title, hint,
                field(texts.get("settings.camera"), "cameraChoice", model.cameras(), model.cameraProperty()),
                field(texts.get("settings.microphone"), "microphoneChoice", model.microphones(),
                        model.microphoneProperty()),
                field(texts.get("settings.speaker"), "speakerChoice", model.speakers(), model.speakerProperty()),
                field(texts.get("settings.language"), "languageChoice", model.languages(), model.languageProperty(),
                        new LanguageNames()),
                knock(model, texts), autoVideoOff(texts, model), warning, status, buttons);
        card.getStyleClass().addAll("card", "settings-card");
        card.setMaxWidth(560);
        card.setMaxHeight(Region.USE_PREF_SIZE);
        VBox cards = new VBox(20, card);
        cards.setAlignment(Pos.TOP_CENTER);
        cards.setFillWidth(false);
        if (connectionTest != null) {
            cards.getChildren().add(connectionTest);
        }
        card.setMinWidth(560);
        ScrollPane scroll = new ScrollPane(new StackPane(cards));
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("settings-scroll");
        root.setCenter(scroll);
        root.getStyleClass().add("settings");
        root.getStylesheets().add(SettingsView.class.getResource("settings.css").toExternalForm());
    }

    /** The waiting room's knock: on or off, how loud, and a button to hear it. */
    private static VBox knock(SettingsViewModel model, Texts texts) {
        javafx.scene.control.CheckBox enabled = new javafx.scene.control.CheckBox(texts.get("settings.knockSound"));
        enabled.setId("knockSound");
        enabled.selectedProperty().bindBidirectional(model.knockSoundProperty());
        Label label = new Label(texts.get("settings.knockVolume"));
        label.getStyleClass().add("field-label");
        javafx.scene.control.Slider volume = new javafx.scene.control.Slider(0, 100, model.knockVolumeProperty().get());
        volume.setId("knockVolume");
        volume.setMajorTickUnit(25);
        volume.setBlockIncrement(10);
        volume.valueProperty().addListener((obs, old, now) -> model.knockVolumeProperty().set(now.intValue()));
        volume.disableProperty().bind(enabled.selectedProperty().not());
        HBox.setHgrow(volume, Priority.ALWAYS);
        label.setLabelFor(volume);
        Button play = new Button(texts.get("settings.knockTry"));
        play.setId("knockTry");
        play.disableProperty().bind(enabled.selectedProperty().not());
        play.setOnAction(e -> model.tryKnock());
        HBox row = new HBox(10, volume, play);
        row.setAlignment(Pos.CENTER_LEFT);
        return new VBox(6, enabled, label, row);
    }

    public Parent root() {
        return root;
    }

    private static CheckBox autoVideoOff(Texts texts, SettingsViewModel model) {
        CheckBox box = new CheckBox(texts.get("settings.autoVideoOff"));
        box.setId("autoVideoOffCheck");
        box.setWrapText(true);
        box.selectedProperty().bindBidirectional(model.autoVideoOffProperty());
        return box;
    }

    private static VBox field(String label, String id, ObservableList<String> items, ObjectProperty<String> choice) {
        return field(label, id, items, choice, null);
    }

    private static <T> VBox field(String label, String id, ObservableList<T> items, ObjectProperty<T> choice,
                                  StringConverter<T> names) {
        Label name = new Label(label);
        name.getStyleClass().add("field-label");
        ComboBox<T> box = new ComboBox<>(items);
        if (names != null) {
            box.setConverter(names);
        }
        box.setId(id);
        box.setMaxWidth(Double.MAX_VALUE);
        box.valueProperty().bindBidirectional(choice);
        name.setLabelFor(box);
        return new VBox(4, name, box);
    }

    /** Each language by its own name ("Deutsch"), whatever the console speaks now. */
    private static final class LanguageNames extends StringConverter<Language> {
        @Override
        public String toString(Language language) {
            return language == null ? "" : language.nativeName();
        }

        @Override
        public Language fromString(String name) {
            return Arrays.stream(Language.values()).filter(l -> l.nativeName().equals(name)).findFirst()
                    .orElse(null);
        }
    }
}
