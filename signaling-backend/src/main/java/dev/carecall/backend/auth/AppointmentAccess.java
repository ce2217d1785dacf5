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

    /**
     * The appointment, if the caller is its doctor or its patient; otherwise WRONG_APPOINTMENT (a patient) or
     * APPOINTMENT_NOT_FOUND. Another doctor's appointment is "not found" exactly like a missing one, word for word, so
     * a doctor cannot learn which ids exist.
     */
    public Appointment authorize(Caller caller, long appointmentId) {
        // A patient's token names its appointment: refuse others before even looking them up, so a link cannot
        // be used to probe which appointment ids exist.
        if (caller instanceof Caller.Patient p && p.appointmentId() != appointmentId) {
            throw new CareCallException(ErrorCode.WRONG_APPOINTMENT,
                    "This link belongs to another appointment. Open the link you received for this one.");
        }
        Appointment appointment = store.findAppointment(appointmentId)
                .filter(a -> !(caller instanceof Caller.Doctor d && d.doctorId() != a.doctorId()))
                .orElseThrow(() -> new CareCallException(ErrorCode.APPOINTMENT_NOT_FOUND,
                        "There is no appointment " + appointmentId + "."));
        // The doctor still sees a cancelled appointment in the list; the patient's link stops working at once,
        // whichever of its links is used.
        if (caller instanceof Caller.Patient && appointment.cancelled()) {
            throw cancelled();
        }
        if (caller instanceof Caller.Patient p && p.linkVersion() < appointment.linkVersion()) {
            throw new CareCallException(ErrorCode.LINK_REPLACED,
                    "The clinic sent a new link for this appointment; this one no longer works. Ask the clinic for "
                            + "the new link.");
        }
        return appointment;
    }

    /** The answer to anything a cancelled appointment can no longer do. */
    public static CareCallException cancelled() {
        return new CareCallException(ErrorCode.APPOINTMENT_CANCELLED,
                "The clinic cancelled this appointment, so no call can take place.");
    }
}
