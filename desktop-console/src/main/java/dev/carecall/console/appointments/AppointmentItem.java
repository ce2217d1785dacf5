package dev.carecall.console.appointments;

import dev.carecall.console.i18n.Texts;
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

/**
 * One appointment card's state. The call status changes live (lobby socket); everything the card shows is derived
 * here, so the card itself only binds. FX thread only.
 */
public final class AppointmentItem {
    private final Texts texts;
    /**
     * What the server said about the appointment; only its call status and join link change, and those live in the
     * properties.
     */
    private final AppointmentView appointment;
    private final String timeText;
    /** The join link: sending a new link replaces it. */
    private final ReadOnlyStringWrapper joinUrl = new ReadOnlyStringWrapper(this, "joinUrl");
    private final boolean cancelled;
    private final String invitation;
    private final ReadOnlyObjectWrapper<CallStatus> status = new ReadOnlyObjectWrapper<>(this, "status");
    private final ReadOnlyObjectWrapper<Role> startedBy = new ReadOnlyObjectWrapper<>(this, "startedBy");
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper(this, "statusText");
    private final ReadOnlyStringWrapper actionLabel = new ReadOnlyStringWrapper(this, "actionLabel");
    private final ReadOnlyBooleanWrapper canCall = new ReadOnlyBooleanWrapper(this, "canCall");
    private final ReadOnlyBooleanWrapper patientWaiting = new ReadOnlyBooleanWrapper(this, "patientWaiting");
    private final WaitingRoomState waitingRoom;

    AppointmentItem(AppointmentView view, ZoneId zone, LocalDate today, Texts texts) {
        this.texts = texts;
        this.appointment = view;
        this.waitingRoom = new WaitingRoomState(texts);
        this.timeText = formatTime(view.scheduledAt(), zone, today, texts);
        this.joinUrl.set(view.joinUrl());
        this.cancelled = Boolean.TRUE.equals(view.cancelled());
        this.invitation = view.invitation() == null ? "none" : view.invitation();
        update(view.callStatus(), view.callStartedBy());
    }

    /** The call status changed (REST refresh or lobby message). */
    void update(CallStatus newStatus, Role newStartedBy) {
        CallStatus callStatus = newStatus == null ? CallStatus.INACTIVE : newStatus;
        status.set(callStatus);
        startedBy.set(callStatus.isLive() ? newStartedBy : null);
        boolean patientWaits = callStatus.isLive() && newStartedBy == Role.PATIENT;
        patientWaiting.set(patientWaits);
        waitingRoom.waitingForDoctor(callStatus == CallStatus.WAITING && newStartedBy == Role.PATIENT);
        statusText.set(texts.get(switch (callStatus) {
            case INACTIVE -> "appointments.status.inactive";
            case WAITING -> patientWaits
                    ? "appointments.status.patientWaiting" : "appointments.status.waitingForPatient";
            case ACTIVE -> "appointments.status.active";
            case ENDED -> "appointments.status.ended";
        }));
        // startCall joins a call the patient started, so both labels lead to the same place; the words tell the
        // doctor that someone is already there.
        actionLabel.set(texts.get(patientWaits ? "appointments.join" : "appointments.start"));
        canCall.set(appointment.paid() && !cancelled);
    }

    /** "Today, 14:30", "Fri 27 Nov, 18:00" in the console's language, at the doctor's time zone. */
    static String formatTime(Instant at, ZoneId zone, LocalDate today, Texts texts) {
        ZonedDateTime local = at.atZone(zone);
        LocalDate day = local.toLocalDate();
        String dayText = day.equals(today) ? texts.get("appointments.today")
                : day.equals(today.plusDays(1)) ? texts.get("appointments.tomorrow")
                : day.equals(today.minusDays(1)) ? texts.get("appointments.yesterday")
                : texts.day().format(local);
        return texts.get("appointments.when", dayText, texts.time().format(local));
    }

    public long id() {
        return appointment.id();
    }

    public String patientName() {
        return appointment.patientName();
    }

    /** "Today, 14:30". */
    public String timeText() {
        return timeText;
    }

    public boolean paid() {
        return appointment.paid();
    }

    /** The patient's join link, or null. */
    public String joinUrl() {
        return joinUrl.get();
    }

    /** The patient's current join link; a new one replaces it when the doctor sends a new link. */
    public ReadOnlyStringProperty joinUrlProperty() {
        return joinUrl.getReadOnlyProperty();
    }

    /** A new link was made; the old one no longer works. */
    void replaceJoinUrl(String url) {
        joinUrl.set(url);
    }

    /** Why the doctor cannot call, or empty when they can. */
    public String blockedReason() {
        return cancelled ? texts.get("appointments.cancelledReason")
                : appointment.paid() ? "" : texts.get("appointments.unpaidReason");
    }

    /** True when the clinic cancelled it: no call, no link. */
    public boolean cancelled() {
        return cancelled;
    }

    /** Whether the invitation reached the patient: none, pending, sent or failed (the backend's words). */
    public String invitation() {
        return invitation;
    }

    /** Whether "Send link" has somewhere to send to: not cancelled, and an address or number is known. */
    public boolean canSendLink() {
        return !cancelled && !"no_contact".equals(invitation);
    }

    /** "Invitation sent", "Invitation failed", ...; empty when none was ever sent. */
    public String invitationText() {
        return switch (invitation) {
            case "sent" -> texts.get("appointments.invitation.sent");
            case "failed" -> texts.get("appointments.invitation.failed");
            case "pending" -> texts.get("appointments.invitation.pending");
            default -> "";
        };
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

    /** The waiting room: whether and since when the patient waits for the doctor, and their pre-call check. */
    public WaitingRoomState waitingRoom() {
        return waitingRoom;
    }

    /** True while the patient has started the call and waits for the doctor to join. */
    public boolean patientWaiting() {
        return patientWaiting.get();
    }

    Instant scheduledAt() {
        return appointment.scheduledAt();
    }

    /** When the call the patient waits in started, as the list was loaded (REST). */
    Instant callStartedAt() {
        return appointment.callStartedAt();
    }

    /** "Start Call" or "Join Call". */
    public ReadOnlyStringProperty actionLabelProperty() {
        return actionLabel.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canCallProperty() {
        return canCall.getReadOnlyProperty();
    }
}
