package dev.carecall.console.history;

import dev.carecall.console.api.ApiException;
import dev.carecall.console.api.DoctorSession;
import dev.carecall.console.fx.Fx;
import dev.carecall.console.fx.PlainLanguage;
import dev.carecall.console.i18n.Texts;
import dev.carecall.protocol.rest.CallSessionView;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;

/** One appointment's call history: read over REST once when shown, then only shown. FX thread only. */
public final class CallHistoryViewModel implements AutoCloseable {
    private final DoctorSession session;
    private final Texts texts;
    private final PlainLanguage plain;
    private final long appointmentId;
    private final String patientName;
    private final Clock clock;
    private final Consumer<String> onSessionExpired;
    private final ObservableList<SessionItem> sessions = FXCollections.observableArrayList();
    private final ObservableList<SessionItem> readOnlySessions = FXCollections.unmodifiableObservableList(sessions);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper empty = new ReadOnlyStringWrapper(this, "empty", "");
    private boolean closed;

    /**
     * @param session          the signed-in doctor
     * @param texts            the console's language
     * @param appointmentId    whose history
     * @param patientName      the patient, named in the sentences
     * @param onSessionExpired called with the message for the sign-in screen when the token stops working
     */
    public CallHistoryViewModel(DoctorSession session, Texts texts, long appointmentId, String patientName,
                                Consumer<String> onSessionExpired) {
        this(session, texts, appointmentId, patientName, onSessionExpired, Clock.systemDefaultZone());
    }

    CallHistoryViewModel(DoctorSession session, Texts texts, long appointmentId, String patientName,
                         Consumer<String> onSessionExpired, Clock clock) {
        this.session = session;
        this.texts = texts;
        this.plain = new PlainLanguage(texts);
        this.appointmentId = appointmentId;
        this.patientName = patientName;
        this.onSessionExpired = onSessionExpired;
        this.clock = clock;
    }

    /** Reads the history from the server. */
    public void load() {
        loading.set(true);
        error.set("");
        Fx.background(() -> session.api().callHistory(appointmentId, session.token()), this::loaded, this::failed);
    }

    private void loaded(List<CallSessionView> views) {
        if (closed) {
            return;
        }
        loading.set(false);
        HistoryWords words = new HistoryWords(texts, clock.getZone(), LocalDate.now(clock), patientName);
        sessions.setAll(views.stream().map(words::session).toList());
        empty.set(views.isEmpty() ? texts.get("history.empty") : "");
    }

    private void failed(Throwable failure) {
        if (closed) {
            return;
        }
        loading.set(false);
        if (failure instanceof ApiException api && api.sessionExpired()) {
            onSessionExpired.accept(plain.sessionExpired());
            return;
        }
        error.set(plain.describe(failure));
    }

    public Texts texts() {
        return texts;
    }

    /** "Call history · Maria Schneider". */
    public String title() {
        return texts.get("history.title", patientName);
    }

    /** The calls, newest first. */
    public ObservableList<SessionItem> sessions() {
        return readOnlySessions;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** A plain-language error, or empty. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** "No call has taken place yet" once loaded with no call, else empty. */
    public ReadOnlyStringProperty emptyProperty() {
        return empty.getReadOnlyProperty();
    }

    @Override
    public void close() {
        closed = true;
    }
}
