package dev.carecall.console.connectivity;

import javafx.collections.ListChangeListener;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The "Test connection" card of the settings screen: the button, one line per step, the closing line. */
public final class ConnectionTestView {
    private final VBox root;

    public ConnectionTestView(ConnectionTestViewModel model) {
        CheckWords words = model.words();
        Label title = new Label(words.get("check.title"));
        title.getStyleClass().addAll("card-title", "settings-title");
        Label hint = new Label(words.get("check.hint"));
        hint.getStyleClass().add("muted");
        hint.setWrapText(true);
        Button test = new Button(words.get("check.button"));
        test.setId("testConnectionButton");
        test.disableProperty().bind(model.runningProperty());
        test.setOnAction(e -> model.start());

        VBox lines = new VBox(4);
        lines.setId("connectionTestLines");
        model.lines().addListener((ListChangeListener<ConnectionTestViewModel.Line>) change -> {
            lines.getChildren().clear();
            for (ConnectionTestViewModel.Line line : model.lines()) {
                // The mark apart from the sentence, so that every sentence starts at the same place.
                Label mark = new Label(line.mark());
                mark.setMinWidth(Region.USE_PREF_SIZE);
                Label sentence = new Label(line.text());
                sentence.setWrapText(true);
                String style = line.failed() ? "check-failed" : "check-line";
                mark.getStyleClass().addAll(style, "check-mark");
                sentence.getStyleClass().add(style);
                lines.getChildren().add(new HBox(8, mark, sentence));
            }
        });
        Label summary = new Label();
        summary.setId("connectionTestSummary");
        summary.setWrapText(true);
        summary.getStyleClass().add("muted");
        summary.textProperty().bind(model.summaryProperty());
        summary.managedProperty().bind(summary.textProperty().isNotEmpty());
        summary.visibleProperty().bind(summary.managedProperty());

        root = new VBox(10, title, hint, new HBox(test), lines, summary);
        root.getStyleClass().addAll("card", "settings-card");
        root.setPrefWidth(560);
        root.setMaxWidth(560);
    }

    public Parent root() {
        return root;
    }
}
