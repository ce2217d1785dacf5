package dev.carecall.console.settings;

import javafx.beans.property.ObjectProperty;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** Camera, microphone and speaker choice, remembered for the next calls. */
public final class SettingsView {
    private final BorderPane root = new BorderPane();

    /**
     * @param model          the choices
     * @param connectionTest the "Test connection" card, or null
     * @param onBack         back to the appointment list
     */
    public SettingsView(SettingsViewModel model, Parent connectionTest, Runnable onBack) {
        Label title = new Label("Camera, microphone and speaker");
        title.getStyleClass().add("settings-title");
        Label hint = new Label("Your choice is remembered on this computer and used from the next call on.");
        hint.getStyleClass().add("hint");
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

        Button save = new Button("Save");
        save.setId("saveSettingsButton");
        save.getStyleClass().add("primary");
        save.disableProperty().bind(model.loadingProperty());
        save.setOnAction(e -> model.save());
        Button back = new Button("Back to appointments");
        back.setId("backButton");
        back.setOnAction(e -> onBack.run());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox buttons = new HBox(10, back, gap, save);

        VBox card = new VBox(10, title, hint,
                field("Camera", "cameraChoice", model.cameras(), model.cameraProperty()),
                field("Microphone", "microphoneChoice", model.microphones(), model.microphoneProperty()),
                field("Speaker", "speakerChoice", model.speakers(), model.speakerProperty()),
                warning, status, buttons);
        card.getStyleClass().add("settings-card");
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

    public Parent root() {
        return root;
    }

    private static VBox field(String label, String id, ObservableList<String> items, ObjectProperty<String> choice) {
        Label name = new Label(label);
        name.getStyleClass().add("field-label");
        ComboBox<String> box = new ComboBox<>(items);
        box.setId(id);
        box.setMaxWidth(Double.MAX_VALUE);
        box.valueProperty().bindBidirectional(choice);
        name.setLabelFor(box);
        return new VBox(4, name, box);
    }
}
