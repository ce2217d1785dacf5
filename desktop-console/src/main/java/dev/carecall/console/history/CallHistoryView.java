package dev.carecall.console.history;

import dev.carecall.console.fx.Labels;
import dev.carecall.console.i18n.Texts;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * An appointment's calls, newest first, one card each: when and how long, how it ended, then its timeline, its
 * quality and its chat side by side, so a doctor reads a call at the console's usual window size without scrolling
 * sideways.
 */
public final class CallHistoryView {
    /** The timeline's and the quality's width; the chat takes the rest. */
    private static final double COLUMN = 330;

    private final BorderPane root = new BorderPane();
    private final CallHistoryViewModel model;
    private final VBox cards = new VBox(16);

    /**
     * @param model  the history's state
     * @param onBack back to the appointment list
     */
    public CallHistoryView(CallHistoryViewModel model, Runnable onBack) {
        this.model = model;
        Texts texts = model.texts();

        Button back = new Button(texts.get("history.back"));
        back.setId("historyBack");
        back.setOnAction(e -> onBack.run());
        Label title = new Label(model.title());
        title.setId("historyTitle");
        title.getStyleClass().add("title");
        HBox header = new HBox(16, back, title);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("header");

        Label loading = Labels.message("historyLoading", "muted");
        loading.textProperty().bind(Bindings.when(model.loadingProperty())
                .then(texts.get("history.loading")).otherwise(""));
        Label error = Labels.message("historyError", "error-message");
        error.textProperty().bind(model.errorProperty());
        Label empty = Labels.message("historyEmpty", "empty");
        empty.textProperty().bind(model.emptyProperty());

        ScrollPane scroll = new ScrollPane(cards);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("cards-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        VBox content = new VBox(12, loading, error, empty, scroll);
        content.getStyleClass().add("content");

        root.setTop(header);
        root.setCenter(content);
        root.getStyleClass().add("history");
        root.getStylesheets().add(CallHistoryView.class.getResource("history.css").toExternalForm());
        model.sessions().addListener((ListChangeListener<SessionItem>) change -> rebuild());
        rebuild();
    }

    public Parent root() {
        return root;
    }

    private void rebuild() {
        cards.getChildren().setAll(model.sessions().stream().map(this::card).toList());
    }

    private Node card(SessionItem item) {
        Texts texts = model.texts();
        Label heading = new Label(item.heading());
        heading.getStyleClass().addAll("card-title", "session-heading");
        Label outcome = new Label(item.outcome());
        outcome.getStyleClass().addAll("muted", "session-outcome");
        outcome.setWrapText(true);
        VBox top = new VBox(2, heading, outcome);

        VBox timeline = column(texts.get("history.timeline"), timeline(item));
        timeline.setPrefWidth(COLUMN);
        timeline.setMinWidth(COLUMN);
        VBox quality = column(texts.get("history.quality"), quality(item));
        quality.setPrefWidth(COLUMN);
        quality.setMinWidth(COLUMN);
        VBox chat = column(texts.get("history.transcript"), transcript(item));
        HBox.setHgrow(chat, Priority.ALWAYS);
        HBox columns = new HBox(24, timeline, quality, chat);

        VBox card = new VBox(14, top, columns);
        card.getStyleClass().addAll("card", "session-card");
        card.setId("session-" + item.sessionId());
        return card;
    }

    private static VBox column(String title, Node body) {
        Label name = new Label(title);
        name.getStyleClass().add("column-title");
        VBox column = new VBox(8, name, body);
        column.setMinWidth(0);
        return column;
    }

    private static Node timeline(SessionItem item) {
        GridPane grid = grid(false);
        int row = 0;
        for (SessionItem.TimedLine line : item.timeline()) {
            Label time = Labels.fixed(line.time(), "muted", "timeline-time");
            Label text = Labels.wrapping(line.text(), "timeline-line");
            grid.addRow(row++, time, text);
        }
        return grid;
    }

    private static Node quality(SessionItem item) {
        GridPane grid = grid(true);
        int row = 0;
        for (SessionItem.Figure figure : item.quality()) {
            if (figure.heading()) {
                Label heading = Labels.wrapping(figure.label(), "quality-side");
                grid.add(heading, 0, row++, 2, 1);
            } else {
                grid.addRow(row++, Labels.wrapping(figure.label(), "quality-label"), Labels.fixed(figure.value(), "quality-value"));
            }
        }
        VBox box = new VBox(8, grid);
        if (!item.qualityNote().isEmpty()) {
            box.getChildren().add(Labels.wrapping(item.qualityNote(), "muted", "quality-note"));
        }
        return box;
    }

    private static Node transcript(SessionItem item) {
        VBox lines = new VBox(8);
        for (SessionItem.ChatEntry entry : item.transcript()) {
            Label meta = new Label(entry.time() + " · " + entry.who());
            meta.getStyleClass().addAll("muted", "chat-meta");
            Label text = Labels.wrapping(entry.text(), "chat-text");
            VBox bubble = new VBox(2, meta, text);
            bubble.getStyleClass().addAll("chat-entry", entry.mine() ? "mine" : "theirs");
            bubble.setMaxWidth(Double.MAX_VALUE);
            lines.getChildren().add(bubble);
        }
        if (!item.transcriptNote().isEmpty()) {
            lines.getChildren().add(Labels.wrapping(item.transcriptNote(), "muted", "transcript-note"));
        }
        return lines;
    }

    /**
     * Two columns, one of which wraps: the timeline's times keep their width and its sentences wrap; the quality's
     * labels wrap and its values keep their width (a figure cut off to "…" says nothing).
     */
    private static GridPane grid(boolean firstWraps) {
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(6);
        ColumnConstraints first = new ColumnConstraints();
        ColumnConstraints second = new ColumnConstraints();
        ColumnConstraints wrapping = firstWraps ? first : second;
        ColumnConstraints fixed = firstWraps ? second : first;
        wrapping.setHgrow(Priority.ALWAYS);
        wrapping.setMinWidth(0);
        fixed.setMinWidth(Region.USE_PREF_SIZE);
        grid.getColumnConstraints().addAll(first, second);
        return grid;
    }
}
