package dev.carecall.console.connectivity;

import javafx.collections.ListChangeListener;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The "Test connection" card of the settings screen: the button, one line per step, the closing line. */
public final class ConnectionTestView {
    private final VBox root;

    public ConnectionTestView(ConnectionTestViewModel model) {
        Label title = new Label(CheckWords.TITLE);
        title.getStyleClass().add("settings-title");
        Label hint = new Label(CheckWords.HINT);
        hint.getStyleClass().add("hint");
        hint.setWrapText(true);
        Button test = new Button(CheckWords.BUTTON);
        test.setId("testConnectionButton");
        test.disableProperty().bind(model.runningProperty());
        test.setOnAction(e -> model.start());

        VBox lines = new VBox(4);
        lines.setId("connectionTestLines");
        model.lines().addListener((ListChangeListener<ConnectionTestViewModel.Line>) change -> {
            lines.getChildren().clear();
            for (ConnectionTestViewModel.Line line : model.lines()) {
                Label label = new Label(line.text());
                label.setWrapText(true);
                label.getStyleClass().add(line.failed() ? "check-failed" : "check-line");
                lines.getChildren().add(label);
            }
        });
        Label summary = new Label();
        summary.setId("connectionTestSummary");
        summary.setWrapText(true);
        summary.getStyleClass().add("hint");
        summary.textProperty().bind(model.summaryProperty());
        summary.managedProperty().bind(summary.textProperty().isNotEmpty());
        summary.visibleProperty().bind(summary.managedProperty());

        root = new VBox(10, title, hint, new HBox(test), lines, summary);
        root.getStyleClass().add("settings-card");
        root.setPrefWidth(560);
        root.setMaxWidth(560);
    }

    public Parent root() {
        return root;
    }
}
