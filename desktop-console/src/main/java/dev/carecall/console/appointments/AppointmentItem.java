package dev.carecall.console.appointments;

import dev.carecall.protocol.CallStatus;
import dev.carecall.protocol.Role;
import dev.carecall.protocol.rest.AppointmentView;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * One appointment card's state. The call status changes live (lobby socket); everything the card shows is derived
 * here, so the card itself only binds. FX thread only.
 */
public final class AppointmentItem {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH);

    private final long id;
    private final String patientName;
    private final Instant scheduledAt;
    private final String timeText;
    private final boolean paid;
    private final String joinUrl;
    private final ReadOnlyObjectWrapper<CallStatus> status = new ReadOnlyObjectWrapper<>(this, "status");
    private final ReadOnlyObjectWrapper<Role> startedBy = new ReadOnlyObjectWrapper<>(this, "startedBy");
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper(this, "statusText");
    private final ReadOnlyStringWrapper actionLabel = new ReadOnlyStringWrapper(this, "actionLabel");
    private final ReadOnlyBooleanWrapper canCall = new ReadOnlyBooleanWrapper(this, "canCall");

    AppointmentItem(AppointmentView view, ZoneId zone, LocalDate today) {
        this.id = view.id();
        this.patientName = view.patientName();
        this.scheduledAt = view.scheduledAt();
        this.timeText = formatTime(view.scheduledAt(), zone, today);
        this.paid = view.paid();
        this.joinUrl = view.joinUrl();
        update(view.callStatus(), view.callStartedBy());
    }

    /** The call status changed (REST refresh or lobby message). */
    void update(CallStatus newStatus, Role newStartedBy) {
        CallStatus callStatus = newStatus == null ? CallStatus.INACTIVE : newStatus;
        status.set(callStatus);
        startedBy.set(callStatus.isLive() ? newStartedBy : null);
        boolean patientWaits = callStatus.isLive() && newStartedBy == Role.PATIENT;
        statusText.set(switch (callStatus) {
            case INACTIVE -> "Not started";
            case WAITING -> patientWaits ? "Patient is waiting" : "Waiting for patient";
            case ACTIVE -> "In call";
            case ENDED -> "Call ended";
        });
        // startCall joins a call the patient started, so both labels lead to the same place; the words tell the
        // doctor that someone is already there.
        actionLabel.set(patientWaits ? "Join Call" : "Start Call");
        canCall.set(paid);
    }

    static String formatTime(Instant at, ZoneId zone, LocalDate today) {
        ZonedDateTime local = at.atZone(zone);
        LocalDate day = local.toLocalDate();
        String dayText = day.equals(today) ? "Today" : day.equals(today.plusDays(1)) ? "Tomorrow"
                : day.equals(today.minusDays(1)) ? "Yesterday" : DAY.format(local);
        return dayText + ", " + TIME.format(local);
    }

    public long id() {
        return id;
    }

    public String patientName() {
        return patientName;
    }

    public Instant scheduledAt() {
        return scheduledAt;
    }

    /** "Today, 14:30". */
    public String timeText() {
        return timeText;
    }

    public boolean paid() {
        return paid;
    }

    /** The patient's join link, or null. */
    public String joinUrl() {
        return joinUrl;
    }

    /** Why the doctor cannot call, or empty when they can. */
    public String blockedReason() {
        return paid ? "" : "Not paid yet. A call can start once the appointment is paid.";
    }

    public ReadOnlyObjectProperty<CallStatus> statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Role> startedByProperty() {
        return startedBy.getReadOnlyProperty();
    }

    /** The badge text: "Not started", "Patient is waiting", "In call", "Call ended". */
    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    /** "Start Call" or "Join Call". */
    public ReadOnlyStringProperty actionLabelProperty() {
        return actionLabel.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canCallProperty() {
        return canCall.getReadOnlyProperty();
    }
}
