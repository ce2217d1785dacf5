package dev.carecall.backend.integration;

/**
 * Who else must hear that the clinic changed an appointment: the rooms (a cancelled appointment's call ends) and the
 * doctor's console list. A small interface, so this package does not reach into the rooms.
 */
public interface AppointmentChanges {

    /** The appointment was created, moved, renamed, paid, refunded or cancelled. */
    void changed(long appointmentId, long doctorId);

    /** A new booking: invitations go out. */
    void booked(ExternalAppointment appointment, String auditActor);

    /** The appointment's time changed: the reminder follows it. */
    void moved(ExternalAppointment appointment, String auditActor);

    /** The appointment was cancelled: its call ends, its patient's socket closes. */
    void cancelled(long appointmentId, long doctorId, String auditActor);
}
