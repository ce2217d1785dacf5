package dev.carecall.console.appointments;

import dev.carecall.console.i18n.Language;
import dev.carecall.console.i18n.Texts;
import dev.carecall.protocol.CallStatus;
import dev.carecall.protocol.Role;
import dev.carecall.protocol.rest.AppointmentView;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AppointmentItemTest {
    private static final ZoneId ZONE = ZoneId.of("Europe/Lisbon");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    private static final Texts ENGLISH = Texts.of(Language.ENGLISH);
    private static final Texts GERMAN = Texts.of(Language.GERMAN);

    private static AppointmentItem item(boolean paid, CallStatus status, Role startedBy) {
        return new AppointmentItem(new AppointmentView(7, "Maria Silva", "Dr. Ana Costa",
                Instant.parse("2026-11-23T14:30:00Z"), paid, status, startedBy, null, null,
                "http://127.0.0.1/join/7?token=t", null, null), ZONE, TODAY, ENGLISH);
    }

    @Test
    void patientStartingFlipsStartToJoin() {
        AppointmentItem item = item(true, CallStatus.INACTIVE, null);
        assertEquals("Start Call", item.actionLabelProperty().get());
        assertEquals("Not started", item.statusTextProperty().get());

        item.update(CallStatus.WAITING, Role.PATIENT);
        assertEquals("Join Call", item.actionLabelProperty().get());
        assertEquals("Patient is waiting", item.statusTextProperty().get());

        item.update(CallStatus.ACTIVE, Role.PATIENT);
        assertEquals("Join Call", item.actionLabelProperty().get());
        assertEquals("In call", item.statusTextProperty().get());

        item.update(CallStatus.ENDED, Role.PATIENT);
        assertEquals("Start Call", item.actionLabelProperty().get());
        assertEquals("Call ended", item.statusTextProperty().get());
    }

    @Test
    void doctorsOwnWaitingCallStaysStart() {
        AppointmentItem item = item(true, CallStatus.WAITING, Role.DOCTOR);
        assertEquals("Start Call", item.actionLabelProperty().get());
        assertEquals("Waiting for patient", item.statusTextProperty().get());
    }

    @Test
    void unpaidAppointmentSaysWhyItCannotCall() {
        AppointmentItem item = item(false, CallStatus.INACTIVE, null);
        assertFalse(item.canCallProperty().get());
        assertEquals("Not paid yet. A call can start once the appointment is paid.", item.blockedReason());
        assertTrue(item(true, CallStatus.INACTIVE, null).blockedReason().isEmpty());
    }

    @Test
    void timeIsLocalAndRelativeToToday() {
        assertEquals("Today, 14:30", item(true, CallStatus.INACTIVE, null).timeText());
        assertEquals("Tomorrow, 09:05",
                AppointmentItem.formatTime(Instant.parse("2026-11-24T09:05:00Z"), ZONE, TODAY, ENGLISH));
        assertEquals("Fri 27 Nov, 18:00",
                AppointmentItem.formatTime(Instant.parse("2026-11-27T18:00:00Z"), ZONE, TODAY, ENGLISH));
    }

    @Test
    void germanDaysAndTimesAreGerman() {
        assertEquals("Morgen, 09:05",
                AppointmentItem.formatTime(Instant.parse("2026-11-24T09:05:00Z"), ZONE, TODAY, GERMAN));
        assertEquals("Fr., 27. Nov., 18:00",
                AppointmentItem.formatTime(Instant.parse("2026-11-27T18:00:00Z"), ZONE, TODAY, GERMAN));
    }
}
