package dev.carecall.console.call;

import dev.carecall.console.i18n.Texts;
import dev.carecall.protocol.QualityLevel;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The call's live quality as the doctor sees it: the indicator's level and words, the reason that names whose side
 * a problem is on, this side's figures per direction, the samples of the last minutes for the chart, and the
 * suggestion (or, when the doctor chose it in the settings, the act) of turning the camera off while it stays poor.
 * Fed once a second by the engine's {@link CallQuality}; used on the FX thread only.
 */
public final class QualityViewModel {
    /** Five minutes of samples at one a second. */
    static final int HISTORY = 300;

    /**
     * This side's figures of the last second as the panel writes them, one line each.
     *
     * @param roundTrip "Round trip 35 ms (to the server 6 ms), jitter 22 ms"
     * @param sending   "You send 1400 kbit/s, 640x480 at 25 frames/s, 14.0 % lost"
     * @param receiving the same for what arrives from the patient
     */
    public record Figures(String roundTrip, String sending, String receiving) {
        static final Figures NONE = new Figures("", "", "");
    }

    /** One second of the chart: seconds into the call, round trip, loss and both bitrates (null: not measured). */
    public record Sample(double second, Integer rttMs, Double lossPct, Integer sendKbps, Integer receiveKbps) {
    }

    private final Texts texts;
    private final String patientName;
    private final ReadOnlyObjectWrapper<QualityLevel> level = new ReadOnlyObjectWrapper<>(this, "level");
    private final ReadOnlyStringWrapper levelText;
    private final ReadOnlyStringWrapper reasonText = new ReadOnlyStringWrapper(this, "reasonText", "");
    private final ReadOnlyObjectWrapper<QualityReason> reason = new ReadOnlyObjectWrapper<>(this, "reason",
            QualityReason.NONE);
    private final ReadOnlyObjectWrapper<Figures> figures = new ReadOnlyObjectWrapper<>(this, "figures",
            Figures.NONE);
    private final ReadOnlyBooleanWrapper suggestCameraOff = new ReadOnlyBooleanWrapper(this, "suggestCameraOff");
    private final ObservableList<Sample> samples = FXCollections.observableArrayList();
    private final ObservableList<Sample> readOnlySamples = FXCollections.unmodifiableObservableList(samples);
    private long firstMillis = -1;
    private boolean autoCameraOff;
    private boolean turnedOffThisCall;

    /** What the call view model does when the camera should go off: turn it off and say why. */
    public interface Camera {
        boolean isOn();

        void turnOff(String why);
    }

    private final Camera camera;

    public QualityViewModel(Texts texts, String patientName, Camera camera) {
        this.texts = texts;
        this.patientName = patientName;
        this.camera = camera;
        this.levelText = new ReadOnlyStringWrapper(this, "levelText", texts.get("call.quality.measuring"));
    }

    /** The doctor's setting: turn the camera off by itself while the quality stays poor. */
    public void autoCameraOff(boolean enabled) {
        this.autoCameraOff = enabled;
    }

    /** A new second of the call's quality. */
    public void update(CallQuality q) {
        level.set(q.level());
        reason.set(q.reason());
        levelText.set(texts.get(switch (q.level()) {
            case GOOD -> "call.quality.good";
            case FAIR -> "call.quality.fair";
            case POOR -> "call.quality.poor";
        }));
        reasonText.set(q.level() == QualityLevel.GOOD ? "" : texts.get(reasonKey(q.reason()), patientName));
        MediaFigures f = q.mine();
        figures.set(new Figures(
                texts.get("call.quality.roundTrip", n(f.rttMs()), n(f.serverRttMs()), n(f.jitterMs())),
                texts.get("call.quality.sending", n(f.sendKbps()), n(f.sendResolution()), n(f.sendFps()),
                        n(f.sendLossPct())),
                texts.get("call.quality.receiving", n(f.receiveKbps()), n(f.receiveResolution()),
                        n(f.receiveFps()), n(f.receiveLossPct()))));
        if (firstMillis < 0) {
            firstMillis = q.atMillis();
        }
        Double loss = max(f.sendLossPct(), f.receiveLossPct());
        samples.add(new Sample((q.atMillis() - firstMillis) / 1000.0, f.rttMs(), loss, f.sendKbps(),
                f.receiveKbps()));
        if (samples.size() > HISTORY) {
            samples.remove(0, samples.size() - HISTORY);
        }
        boolean suggest = q.suggestCameraOff() && camera.isOn();
        if (suggest && autoCameraOff && !turnedOffThisCall) {
            turnedOffThisCall = true;
            camera.turnOff(texts.get("call.quality.cameraTurnedOff"));
            suggest = false;
        }
        suggestCameraOff.set(suggest);
    }

    /** The doctor pressed "Turn camera off" on the suggestion. */
    public void acceptSuggestion() {
        if (camera.isOn()) {
            camera.turnOff(null);
        }
        suggestCameraOff.set(false);
    }

    private static String reasonKey(QualityReason reason) {
        return switch (reason) {
            case NONE -> "call.quality.reason.none";
            case OWN_LOSS -> "call.quality.reason.ownLoss";
            case OWN_UPLOAD -> "call.quality.reason.ownUpload";
            case OWN_DELAY -> "call.quality.reason.ownDelay";
            case OTHER_LOSS -> "call.quality.reason.otherLoss";
            case OTHER_UPLOAD -> "call.quality.reason.otherUpload";
            case OTHER_DELAY -> "call.quality.reason.otherDelay";
            case PATH_LOSS -> "call.quality.reason.pathLoss";
            case PATH_DELAY -> "call.quality.reason.pathDelay";
        };
    }

    private static String n(Object value) {
        return value == null ? "–" : value.toString();
    }

    private static Double max(Double a, Double b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : Double.valueOf(Math.max(a, b));
    }

    public Texts texts() {
        return texts;
    }

    /** Null until the first second was measured. */
    public ReadOnlyObjectProperty<QualityLevel> levelProperty() {
        return level.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<QualityReason> reasonProperty() {
        return reason.getReadOnlyProperty();
    }

    /** "Connection: poor" */
    public ReadOnlyStringProperty levelTextProperty() {
        return levelText.getReadOnlyProperty();
    }

    /** "Maria Schneider's connection is losing packets.", empty while good. */
    public ReadOnlyStringProperty reasonTextProperty() {
        return reasonText.getReadOnlyProperty();
    }

    /** This side's figures of the last second; empty texts until the first second was measured. */
    public ReadOnlyObjectProperty<Figures> figuresProperty() {
        return figures.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty suggestCameraOffProperty() {
        return suggestCameraOff.getReadOnlyProperty();
    }

    /** The last minutes, oldest first. */
    public ObservableList<Sample> samples() {
        return readOnlySamples;
    }
}
