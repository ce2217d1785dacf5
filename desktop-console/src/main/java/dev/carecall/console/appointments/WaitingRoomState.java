package dev.carecall.console.appointments;

import dev.carecall.console.i18n.Texts;
import dev.carecall.console.waitingroom.ReadinessWords;
import dev.carecall.protocol.Readiness;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.time.Duration;
import java.time.Instant;

/**
 * One appointment's waiting room as its card shows it: whether the patient waits for the doctor, since when, and
 * what their pre-call check found. Kept apart from the call status because it lives by its own clock (the banner's
 * tick) and outlives a reload of the list. FX thread only.
 */
public final class WaitingRoomState {
    private final Texts texts;
    /** True while the patient started the call and the doctor has not joined yet. */
    private final ReadOnlyBooleanWrapper waitingForDoctor = new ReadOnlyBooleanWrapper(this, "waitingForDoctor");
    private final ReadOnlyStringWrapper waitedText = new ReadOnlyStringWrapper(this, "waitedText", "");
    private final ReadOnlyStringWrapper readinessText = new ReadOnlyStringWrapper(this, "readinessText", "");
    private final ReadOnlyStringWrapper readinessDetails = new ReadOnlyStringWrapper(this, "readinessDetails", "");
    private Readiness lastReadiness;
    /** Since when the patient waits for the doctor; null while nobody waits. */
    private Instant waitingSince;

    WaitingRoomState(Texts texts) {
        this.texts = texts;
    }

    /** The call status changed: the patient waits for the doctor, or no longer does. */
    void waitingForDoctor(boolean waits) {
        waitingForDoctor.set(waits);
        if (!waits) {
            waitingSince = null;
            waitedText.set("");
        }
    }

    /** The patient started waiting at this time (the call's start, or when the console heard of it). */
    void waitingSince(Instant since) {
        if (waitingForDoctor.get() && waitingSince == null) {
            waitingSince = since;
        }
    }

    /** Since when the patient waits, or null. */
    Instant waitingSince() {
        return waitingSince;
    }

    /** The clock moved: "Waiting 2:05". */
    void tick(Instant now) {
        if (waitingSince != null) {
            waitedText.set(texts.get("waiting.waited", waited(now)));
        }
    }

    /** How long the patient has waited, "2:05". */
    String waited(Instant now) {
        long seconds = waitingSince == null ? 0 : Math.max(0, Duration.between(waitingSince, now).toSeconds());
        return seconds >= 3600 ? String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format("%d:%02d", seconds / 60, seconds % 60);
    }

    /** The pre-call check last shown, or null. */
    Readiness lastReadiness() {
        return lastReadiness;
    }

    /** The patient's page sent its pre-call check. */
    void readiness(Readiness readiness) {
        lastReadiness = readiness;
        readinessText.set(ReadinessWords.line(readiness, texts));
        readinessDetails.set(ReadinessWords.details(readiness, texts));
    }

    /** True while the patient waits in the waiting room for the doctor to let them in. */
    public boolean waitingForDoctor() {
        return waitingForDoctor.get();
    }

    /** True while the patient waits in the waiting room for the doctor to let them in. */
    public ReadOnlyBooleanProperty waitingForDoctorProperty() {
        return waitingForDoctor.getReadOnlyProperty();
    }

    /** "Waiting 2:05" while the patient waits, else empty. */
    public ReadOnlyStringProperty waitedTextProperty() {
        return waitedText.getReadOnlyProperty();
    }

    /** "Camera ✓, microphone ✓, speaker ✓, network: good, direct connection", or empty before any check arrived. */
    public ReadOnlyStringProperty readinessTextProperty() {
        return readinessText.getReadOnlyProperty();
    }

    /** The figures behind the readiness line: round trip, upload, browser and device. */
    public ReadOnlyStringProperty readinessDetailsProperty() {
        return readinessDetails.getReadOnlyProperty();
    }
}
