package dev.carecall.backend.auth;

import dev.carecall.backend.CareCallException;
import dev.carecall.backend.storage.Appointment;
import dev.carecall.backend.storage.CareCallStore;
import dev.carecall.protocol.ErrorCode;

/** Decides whether a caller may see and act on an appointment: only its own doctor and its own patient may. */
public final class AppointmentAccess {
    private final CareCallStore store;

    public AppointmentAccess(CareCallStore store) {
        this.store = store;
    }

    /** The appointment, if the caller is its doctor or its patient; otherwise 404, 403 or WRONG_APPOINTMENT. */
    public Appointment authorize(Caller caller, long appointmentId) {
        // A patient's token names its appointment: refuse others before even looking them up, so a link cannot
        // be used to probe which appointment ids exist.
        if (caller instanceof Caller.Patient p && p.appointmentId() != appointmentId) {
            throw new CareCallException(ErrorCode.WRONG_APPOINTMENT,
                    "This link belongs to another appointment. Open the link you received for this one.");
        }
        Appointment appointment = store.findAppointment(appointmentId).orElseThrow(() -> new CareCallException(
                ErrorCode.APPOINTMENT_NOT_FOUND, "There is no appointment " + appointmentId + "."));
        if (caller instanceof Caller.Patient p && p.linkVersion() < appointment.linkVersion()) {
            throw new CareCallException(ErrorCode.LINK_REPLACED,
                    "The clinic sent a new link for this appointment; this one no longer works. Ask the clinic for "
                            + "the new link.");
        }
        if (caller instanceof Caller.Doctor d && d.doctorId() != appointment.doctorId()) {
            throw new CareCallException(ErrorCode.FORBIDDEN, "This appointment belongs to another doctor.");
        }
        return appointment;
    }
}
