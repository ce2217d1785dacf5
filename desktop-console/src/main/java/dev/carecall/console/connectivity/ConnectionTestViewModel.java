package dev.carecall.console.connectivity;

import dev.carecall.console.check.CheckResult;
import dev.carecall.console.check.ConnectivityCheck;
import dev.carecall.console.fx.Fx;
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
    /** One shown line: the text, and whether it reports a failure (shown in red). */
    public record Line(String text, boolean failed) {
    }

    private final ConnectivityCheck check;
    private final String token;
    private final ObservableList<Line> lines = FXCollections.observableArrayList();
    private final ObservableList<Line> readOnlyLines = FXCollections.unmodifiableObservableList(lines);
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");

    /**
     * @param check the check against the signed-in server
     * @param token the doctor's sign-in token: the server hands STUN and TURN servers to signed-in users only
     */
    public ConnectionTestViewModel(ConnectivityCheck check, String token) {
        this.check = check;
        this.token = token;
    }

    /** Starts the check (ignored while one runs). */
    public void start() {
        if (running.get()) {
            return;
        }
        running.set(true);
        lines.clear();
        summary.set(CheckWords.RUNNING);
        Fx.background(() -> check.run(ConnectivityCheck.Access.token(token),
                        result -> Fx.later(() -> lines.add(new Line(CheckWords.line(result), result.failed())))),
                this::finished, failure -> {
                    running.set(false);
                    summary.set(CheckWords.CRASHED);
                });
    }

    private void finished(List<CheckResult> results) {
        running.set(false);
        summary.set(CheckWords.summary(results));
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
