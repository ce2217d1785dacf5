package dev.carecall.console.connectivity;

import dev.carecall.console.check.CheckResult;
import dev.carecall.console.check.ConnectivityCheck;
import dev.carecall.console.fx.Fx;
import dev.carecall.console.i18n.Texts;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;

/**
 * The settings screen's "Test connection": runs the connectivity check as the signed-in doctor, off the FX thread,
 * and shows each step's line as soon as it is known. FX thread only.
 */
public final class ConnectionTestViewModel {
    /** One shown line: the mark ("[ ok ]"), the sentence, and whether it reports a failure (shown in red). */
    public record Line(String mark, String text, boolean failed) {
    }

    private final ConnectivityCheck check;
    private final String token;
    private final CheckWords words;
    private final ObservableList<Line> lines = FXCollections.observableArrayList();
    private final ObservableList<Line> readOnlyLines = FXCollections.unmodifiableObservableList(lines);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");

    /**
     * @param check the check against the signed-in server
     * @param token the doctor's sign-in token: the server hands STUN and TURN servers to signed-in users only
     * @param texts the console's words in the chosen language
     */
    public ConnectionTestViewModel(ConnectivityCheck check, String token, Texts texts) {
        this.check = check;
        this.token = token;
        this.words = new CheckWords(texts);
    }

    /** The card's fixed words. */
    public CheckWords words() {
        return words;
    }

    /** Starts the check (ignored while one runs). */
    public void start() {
        if (running.get()) {
            return;
        }
        running.set(true);
        lines.clear();
        summary.set(words.get("check.running"));
        Fx.background(() -> check.run(ConnectivityCheck.Access.token(token),
                        result -> Fx.later(() -> lines.add(
                                new Line(words.mark(result), words.sentence(result), result.failed())))),
                this::finished, failure -> {
                    running.set(false);
                    summary.set(words.get("check.crashed"));
                });
    }

    private void finished(List<CheckResult> results) {
        running.set(false);
        summary.set(words.summary(results));
    }

    /** The lines so far, one a step. */
    public ObservableList<Line> lines() {
        return readOnlyLines;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** "Testing…", then the closing line; empty before the first test. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }
}
