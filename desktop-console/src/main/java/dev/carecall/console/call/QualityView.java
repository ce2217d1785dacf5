package dev.carecall.console.call;

import dev.carecall.console.i18n.Texts;
import dev.carecall.protocol.QualityLevel;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The call's quality on screen: the indicator (a button whose colour and words say good, fair or poor) with the
 * reason beside it, and, opened from the indicator, a panel with this side's figures per direction and small line
 * charts of round trip, loss and bitrate over the last minutes. The suggestion to turn the camera off is its own
 * node, for the call view to place. Built once per call; touches only its view model.
 */
public final class QualityView {
    private static final PseudoClass GOOD = PseudoClass.getPseudoClass("good");
    private static final PseudoClass FAIR = PseudoClass.getPseudoClass("fair");
    private static final PseudoClass POOR = PseudoClass.getPseudoClass("poor");

    private static final String CSS = QualityView.class.getResource("quality.css").toExternalForm();

    private final QualityViewModel model;
    private final Texts texts;
    private final Button indicator = new Button();
    private final Label reason = new Label();
    private final VBox panel;
    private final HBox suggestion;
    private final LineChart<Number, Number> roundTrip;
    private final LineChart<Number, Number> loss;
    private final LineChart<Number, Number> bitrate;

    public QualityView(QualityViewModel model) {
        this.model = model;
        this.texts = model.texts();

        indicator.setId("qualityIndicator");
        indicator.getStyleClass().add("quality-indicator");
        indicator.textProperty().bind(model.levelTextProperty());
        indicator.setTooltip(new Tooltip(texts.get("call.quality.open")));
        indicator.setOnAction(e -> togglePanel());
        model.levelProperty().addListener((obs, was, now) -> {
            indicator.pseudoClassStateChanged(GOOD, now == QualityLevel.GOOD);
            indicator.pseudoClassStateChanged(FAIR, now == QualityLevel.FAIR);
            indicator.pseudoClassStateChanged(POOR, now == QualityLevel.POOR);
        });

        reason.setId("qualityReason");
        reason.getStyleClass().add("quality-reason");
        reason.setWrapText(true);
        reason.textProperty().bind(model.reasonTextProperty());
        reason.visibleProperty().bind(reason.textProperty().isNotEmpty());
        reason.managedProperty().bind(reason.visibleProperty());

        roundTrip = chart("qualityRoundTripChart", texts.get("call.quality.chart.roundTrip"));
        loss = chart("qualityLossChart", texts.get("call.quality.chart.loss"));
        bitrate = chart("qualityBitrateChart", texts.get("call.quality.chart.bitrate"));
        bitrate.setLegendVisible(true);
        bitrate.setPrefHeight(200);
        ((NumberAxis) bitrate.getXAxis()).setLabel(texts.get("call.quality.chart.time"));
        model.samples().addListener((ListChangeListener<QualityViewModel.Sample>) change -> redraw());

        Label title = new Label(texts.get("call.quality.chart.title"));
        title.getStyleClass().add("quality-title");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Button close = new Button(texts.get("call.quality.chart.close"));
        close.setId("qualityClose");
        close.setOnAction(e -> togglePanel());
        HBox top = new HBox(8, title, grow, close);
        top.setAlignment(Pos.CENTER_LEFT);
        ObservableValue<QualityViewModel.Figures> mine = model.figuresProperty();
        Label rtt = figures("qualityRoundTrip", mine.map(QualityViewModel.Figures::roundTrip));
        Label sending = figures("qualitySending", mine.map(QualityViewModel.Figures::sending));
        Label receiving = figures("qualityReceiving", mine.map(QualityViewModel.Figures::receiving));
        panel = new VBox(6, top, rtt, sending, receiving, roundTrip, loss, bitrate);
        panel.setId("qualityPanel");
        panel.getStyleClass().add("quality-panel");
        panel.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        panel.setPrefWidth(560);
        panel.setVisible(false);
        panel.setManaged(false);

        Label suggest = new Label(texts.get("call.quality.suggest"));
        suggest.setWrapText(true);
        Button cameraOff = new Button(texts.get("call.quality.turnCameraOff"));
        cameraOff.setId("qualityCameraOffButton");
        cameraOff.setOnAction(e -> model.acceptSuggestion());
        suggestion = new HBox(10, suggest, cameraOff);
        suggestion.setId("qualitySuggestion");
        suggestion.setAlignment(Pos.CENTER_LEFT);
        suggestion.getStyleClass().add("quality-suggestion");
        suggestion.setMaxSize(640, Region.USE_PREF_SIZE);
        suggestion.visibleProperty().bind(model.suggestCameraOffProperty());
        suggestion.managedProperty().bind(suggestion.visibleProperty());
        for (javafx.scene.Parent node : List.of(indicator, reason, panel, suggestion)) {
            node.getStylesheets().add(CSS);
        }
    }

    /** The indicator, for the call's header. */
    public Node indicator() {
        return indicator;
    }

    /** The one-line reason while the quality is not good, for the call's messages over the video. */
    public Node reason() {
        return reason;
    }

    /** The figures and charts, shown over the video while opened. */
    public VBox panel() {
        return panel;
    }

    /** The suggestion to turn the camera off, shown while quality stays poor. */
    public Node suggestion() {
        return suggestion;
    }

    /** Opens or closes the figures and charts. */
    public void togglePanel() {
        boolean open = !panel.isVisible();
        panel.setVisible(open);
        panel.setManaged(open);
        if (open) {
            redraw();
        }
    }

    private LineChart<Number, Number> chart(String id, String name) {
        NumberAxis time = new NumberAxis();
        time.setForceZeroInRange(false);
        NumberAxis value = new NumberAxis();
        LineChart<Number, Number> chart = new LineChart<>(time, value);
        // The name as the chart's title: a vertical axis label this short chart would cut off.
        chart.setTitle(name);
        chart.setId(id);
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(false);
        chart.setPrefHeight(170);
        chart.getStyleClass().add("quality-chart");
        return chart;
    }

    private static Label figures(String id, ObservableValue<String> text) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add("quality-figures");
        label.textProperty().bind(text);
        return label;
    }

    /** Draws the samples anew: a few hundred points once a second, and only while the panel is open. */
    private void redraw() {
        if (!panel.isVisible()) {
            return;
        }
        List<QualityViewModel.Sample> samples = model.samples();
        roundTrip.getData().setAll(List.of(series(texts.get("call.quality.chart.roundTrip"), samples,
                QualityViewModel.Sample::rttMs)));
        loss.getData().setAll(List.of(series(texts.get("call.quality.chart.loss"), samples,
                QualityViewModel.Sample::lossPct)));
        bitrate.getData().setAll(List.of(
                series(texts.get("call.quality.chart.sent"), samples, QualityViewModel.Sample::sendKbps),
                series(texts.get("call.quality.chart.received"), samples, QualityViewModel.Sample::receiveKbps)));
    }

    private static XYChart.Series<Number, Number> series(String name, List<QualityViewModel.Sample> samples,
                                                         Function<QualityViewModel.Sample, Number> value) {
        List<XYChart.Data<Number, Number>> points = new ArrayList<>(samples.size());
        for (QualityViewModel.Sample s : samples) {
            Number v = value.apply(s);
            if (v != null) {
                points.add(new XYChart.Data<>(s.second(), v));
            }
        }
        XYChart.Series<Number, Number> series = new XYChart.Series<>();
        series.setName(name);
        series.getData().setAll(points);
        return series;
    }
}
